import Durability
import Queue
import Spool
import SpoolStore

/// The queue operations. Safe while a server runs on the same data: it re-reads the queue
/// at every sweep (every 10 seconds).
extension Administration {
    func queueManager() throws(AdminError) -> QueueManager {
        try storeCall {
            let barrier = try FileSystemSyncBarrier(directories: [spoolDirectory])
            return QueueManager(spool: try Spool(directory: spoolDirectory, database: directory.database, barrier: barrier))
        }
    }

    /// Every queued message, oldest first.
    public func queue() throws(AdminError) -> [QueueRow] {
        let manager = try queueManager()
        return try storeCall { try manager.list() }.map(QueueRow.init)
    }

    /// One queued message with its deliveries and header section.
    public func queuedMessage(_ qid: String) throws(AdminError) -> QueueDetail {
        let manager = try queueManager()
        let detail: QueueEntryDetail
        do { detail = try manager.show(qid) } catch { throw AdminError(error) }
        return QueueDetail(message: QueueRow(detail.entry), header: detail.header)
    }

    /// Makes every open delivery of the message due now (tried at the next queue run).
    public func resend(_ qid: String) throws(AdminError) {
        let manager = try queueManager()
        do { try manager.resend(qid) } catch { throw AdminError(error) }
    }

    /// `resend` for every message; returns how many had open deliveries.
    @discardableResult
    public func resendAll() throws(AdminError) -> Int {
        let manager = try queueManager()
        do { return try manager.resendAll() } catch { throw AdminError(error) }
    }

    /// Removes the message from the queue, without any notice to the sender.
    public func deleteQueued(_ qid: String) throws(AdminError) {
        let manager = try queueManager()
        do { try manager.delete(qid) } catch { throw AdminError(error) }
        mailLog?(qid.uppercased(), "removed by admin")
    }

    /// Removes every queued message; returns how many.
    @discardableResult
    public func deleteAllQueued() throws(AdminError) -> Int {
        let manager = try queueManager()
        guard let mailLog else {
            do { return try manager.deleteAll() } catch { throw AdminError(error) }
        }
        // One at a time, so each removal is logged with its QID (a message delivered in the
        // meantime is already gone: not counted).
        var count = 0
        for row in try queue() {
            do { try manager.delete(row.qid) } catch .notFound { continue } catch { throw AdminError(error) }
            mailLog(row.qid, "removed by admin")
            count += 1
        }
        return count
    }

    /// The queue's length and size now, and the samples of the last hour.
    public func queueStats() throws(AdminError) -> QueueStatsRow {
        let manager = try queueManager()
        let (samples, current) = try storeCall { try manager.stats() }
        return QueueStatsRow(messages: current.messages, bytes: current.bytes,
                             samples: samples.map { QueueSamplePoint(time: AdminTime.iso8601($0.at), messages: $0.messages, bytes: $0.bytes) })
    }
}
