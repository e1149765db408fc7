import Foundation

/// What the fetcher remembers about one remote message, keyed by account, scope and remote
/// id. The scope names the id space: `pop3` (UIDL or header digest), or
/// `imap:FOLDER:UIDVALIDITY` (RFC 3501 §2.3.1.1: UIDs are only meaningful with their
/// UIDVALIDITY).
public struct FetchedMessage: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// Being submitted under `queueID`: after a crash, whether that QID was committed
        /// decides between stored and forgotten (never a second copy).
        case pending
        /// Committed locally (spool, durable): may be deleted remotely.
        case stored
        /// The filter refused it for good: never fetched again, never deleted.
        case refused
    }

    public var scope: String
    public var remoteID: String
    public var state: State
    public var queueID: String?
    /// When it was stored (the remote policy's days count from here).
    public var at: Date

    public init(scope: String, remoteID: String, state: State, queueID: String?, at: Date) {
        self.scope = scope
        self.remoteID = remoteID
        self.state = state
        self.queueID = queueID
        self.at = at
    }
}
