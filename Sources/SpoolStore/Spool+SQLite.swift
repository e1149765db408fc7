import Durability
import Foundation
import GRDB
import Spool

extension Spool {
    /// The queue rows in `database` (postino.sqlite).
    public convenience init(directory: URL, database: any DatabaseWriter, barrier: FileSystemSyncBarrier,
                            spillThreshold: Int = 1 << 20) throws {
        try self.init(directory: directory, rows: try QueueStore(database: database).rows, barrier: barrier,
                      spillThreshold: spillThreshold)
    }

    /// `remove` in two steps, for a caller that finishes a message inside its own
    /// transaction: the rows go with it, the file once it has committed (`removeFile`).
    public func forget(_ id: QueueID, in db: Database) throws {
        try queue.delete(id, in: db)
    }
}
