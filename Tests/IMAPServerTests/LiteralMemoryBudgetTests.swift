import Testing
@testable import IMAPServer

/// The process-wide budget for large APPEND literals (issue 23, finding 4).
@Suite struct LiteralMemoryBudgetTests {
    @Test func reservationsStayWithinTheCapacityAndComeBack() {
        let budget = LiteralMemoryBudget(capacity: 100)
        #expect(budget.tryReserve(60))
        #expect(!budget.tryReserve(50))      // would pass the capacity: the client waits
        #expect(budget.tryReserve(40))
        budget.release(60)
        #expect(budget.reserved == 40)
        #expect(budget.tryReserve(50))
        budget.release(90)
        #expect(budget.reserved == 0)
    }

    @Test func oneLiteralLargerThanTheCapacityPassesAlone() {
        let budget = LiteralMemoryBudget(capacity: 100)
        #expect(budget.tryReserve(150))      // APPENDLIMIT bounds it; it must not wait forever
        #expect(!budget.tryReserve(1))
        budget.release(150)
        #expect(budget.tryReserve(1))
    }
}
