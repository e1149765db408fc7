import Foundation
import Synchronization
import Testing
@testable import DeliveryStore

@Suite("Local delivery ledger: concurrent tries share transactions")
struct GroupedTransactionsTests {
    struct Refused: Error {}

    /// Calls that arrive while a transaction is written go together into the next one;
    /// every caller gets its own result, and one failing input fails alone.
    @Test func waitingCallsShareTheNextTransaction() async throws {
        let transactions = Mutex<[[Int]]>([])
        let group = GroupedTransactions<Int, Int> { inputs in
            transactions.withLock { $0.append(inputs) }
            Thread.sleep(forTimeInterval: 0.02)  // a transaction long enough for others to queue
            return inputs.map { $0 == 13 ? .failure(Refused()) : .success($0 * 2) }
        }
        let results = await withTaskGroup(of: (Int, Int?).self) { tasks in
            for i in 0..<40 { tasks.addTask { (i, try? await group.submit(i)) } }
            var results: [Int: Int?] = [:]
            for await (i, result) in tasks { results[i] = result }
            return results
        }
        #expect(results.count == 40)
        for i in 0..<40 { #expect(results[i]! == (i == 13 ? nil : i * 2)) }
        let written = transactions.withLock { $0 }
        #expect(written.flatMap { $0 }.sorted() == Array(0..<40))
        #expect(written.count < 40 && written.contains { $0.count > 1 })
    }

    @Test func aFailedTransactionFailsItsCallsAndTheNextOneRunsAgain() async throws {
        let calls = Mutex(0)
        let group = GroupedTransactions<Int, Int> { inputs in
            let call = calls.withLock { $0 += 1; return $0 }
            if call == 1 { throw Refused() }
            return inputs.map { .success($0) }
        }
        await #expect(throws: Refused.self) { try await group.submit(1) }
        #expect(try await group.submit(7) == 7)
    }
}
