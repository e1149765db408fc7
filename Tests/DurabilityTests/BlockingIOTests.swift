import Testing
@testable import Durability

@Suite struct BlockingIOTests {
    enum Probe {
        @TaskLocal static var value = 0
    }

    @Test func workRunsInTheCallingTaskOnlyInsideInline() async throws {
        // A task-local is seen by work run in the calling task, not by work sent to Dispatch.
        let inside = try await Probe.$value.withValue(7) {
            try await BlockingIO.inline { try await BlockingIO.run { Probe.value } }
        }
        #expect(inside == 7)
        let outside = try await Probe.$value.withValue(7) { try await BlockingIO.run { Probe.value } }
        #expect(outside == 0)
        // Child tasks inherit it (a stage that runs its checks in a task group).
        let child = try await Probe.$value.withValue(7) {
            try await BlockingIO.inline {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    group.addTask { try await BlockingIO.run { Probe.value } }
                    return try await group.next() ?? -1
                }
            }
        }
        #expect(child == 7)
    }
}
