import Durability
import Foundation

/// `MailStore` is the server's `MailStorage`: the methods below are the ones the protocol
/// adds; the rest are the store's own.
extension MailStore: MailStorage {
    /// One sync barrier round, then the index rows in one transaction (see `commit(_:in:)`);
    /// the observers are told once it has committed.
    public func commit(_ staged: [StagedMessage]) async throws -> [StoredMessage] {
        guard !staged.isEmpty else { return [] }
        try await barrier.sync()
        let stored = try await BlockingIO.run { [self] in
            try database.write { db in try commit(staged, in: db) }
        }
        changes.changed(Set(staged.map(\.mailboxID)))
        return stored
    }

    public func discard(_ staged: [StagedMessage]) {
        for file in staged { try? DurableFile.remove(file.path) }
    }
}
