import Directory
import Foundation
import MessageEvents

/// Every administration operation Postino offers — domains, users, groups, public
/// mailboxes, addresses, settings, DKIM keys, relay hosts, the queue — with its
/// validation, in one place. The CLI (`postino …`) and the REST API call these and only
/// parse their input and print or serialize what comes back.
///
/// Operations return row types (`DomainRow`, `UserRow`, …): Codable structs whose field
/// names are the JSON of `--json` and of the API; `AdminJSON` renders them. Every error
/// is an `AdminError`.
///
/// The operations are synchronous and may block on disk I/O (SQLite, key files, the
/// spool): call them from a thread pool or a task, never on a SwiftNIO event loop.
public struct Administration: Sendable {
    /// The directory (and, through it, the shared database).
    public let directory: DirectoryStore
    /// Where the spool keeps accepted messages (`<data>/spool`).
    public let spoolDirectory: URL
    /// Where the per-domain DKIM keys live (`<data>/dkim`).
    public let dkimDirectory: URL
    /// The message events (log trace, dashboard figures); nil: those operations say so.
    public var events: (any MessageEventStore)?
    /// Writes a mail-log line about a queued message (`removed by admin`); nil: not logged.
    public var mailLog: (@Sendable (_ queueID: String, _ text: String) -> Void)?

    public init(directory: DirectoryStore, spoolDirectory: URL, dkimDirectory: URL) {
        self.directory = directory
        self.spoolDirectory = spoolDirectory
        self.dkimDirectory = dkimDirectory
    }
}
