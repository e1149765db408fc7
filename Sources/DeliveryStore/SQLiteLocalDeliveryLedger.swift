import Delivery
import Directory
import Durability
import GRDB
import MailStore
import Spool

/// Local delivery's unit of work on postino.sqlite: the mail index (MailStore), the queue
/// rows (Spool) and the quota usage summary (Directory) share one database, so one
/// transaction records a try — a crash leaves either all of it or none (the next try
/// recognises the copies already on disk by their deterministic names).
public struct SQLiteLocalDeliveryLedger: LocalDeliveryLedger {
    let spool: Spool
    let store: MailStore

    /// `spool` and `store` must be open on the same database.
    public init(spool: Spool, store: MailStore) {
        self.spool = spool
        self.store = store
    }

    public func commit(_ batch: LocalDeliveryCommit) async throws(LocalDeliveryLedgerError) -> Bool {
        try await blocking { [spool, store] in
            try store.database.write { db -> Bool in
                _ = try store.commit(batch.staged, in: db)
                try spool.queue.apply(batch.updates, in: db)
                for user in batch.quotaUsers {
                    try DirectoryStore.recordQuotaUsage(user, bytes: MailStore.usage(of: .user(user), in: db).bytes, in: db)
                }
                guard batch.forgetWhenFinished, try spool.queue.isFinished(batch.queueID, in: db) else { return false }
                try spool.forget(batch.queueID, in: db)
                return true
            }
        }
    }

    public func recordOutcomes(_ updates: [QueueRowUpdate]) async throws(LocalDeliveryLedgerError) {
        try await blocking { [spool] in try spool.queue.apply(updates) }
    }

    public func isFinished(_ queueID: QueueID) async throws(LocalDeliveryLedgerError) -> Bool {
        try await blocking { [spool] in try spool.queue.isFinished(queueID) }
    }

    /// Off the cooperative pool: a blocked Swift concurrency thread can deadlock the rest.
    private func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws(LocalDeliveryLedgerError) -> T {
        do { return try await BlockingIO.run(work) } catch { throw .storage("\(error)") }
    }
}
