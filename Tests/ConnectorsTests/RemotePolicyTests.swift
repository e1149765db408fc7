import Connectors
import Testing

@Suite("Connectors: remote policy")
struct RemotePolicyTests {
    @Test func parsesKeepDeleteAndDays() {
        #expect(RemotePolicy(parsing: "keep") == .keep)
        #expect(RemotePolicy(parsing: "DELETE") == .delete)
        #expect(RemotePolicy(parsing: "7") == .deleteAfter(days: 7))
        #expect(RemotePolicy(parsing: "-1") == nil)
        #expect(RemotePolicy(parsing: "soon") == nil)
    }

    @Test func deletesOnlyWhenDue() {
        #expect(!RemotePolicy.keep.deletes(age: 1e9))
        #expect(RemotePolicy.delete.deletes(age: 0))
        #expect(!RemotePolicy.deleteAfter(days: 2).deletes(age: 86_400))
        #expect(RemotePolicy.deleteAfter(days: 2).deletes(age: 2 * 86_400))
    }
}
