import Testing
@testable import ProtocolKit

@Suite struct DescriptorReserveTests {
    @Test func refillHoldsTheReserveAndReleaseGivesItBack() {
        let reserve = DescriptorReserve(count: 4)
        #expect(reserve.refill())
        #expect(reserve.heldCount == 4)
        #expect(reserve.refill())  // already full: nothing more is opened
        #expect(reserve.heldCount == 4)
        reserve.release()
        #expect(reserve.heldCount == 0)
        #expect(reserve.refill())
        reserve.release()
    }
}
