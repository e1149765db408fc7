import Foundation

/// What delivery remembers for Sieve across messages: vacation replies sent (RFC 5230
/// §4.2, per user, handle and sender), ids seen by the `duplicate` test (RFC 7352), and
/// script errors already reported to their user. `SieveTracking` (SQLite) is the
/// server's. Synchronous: the interpreter asks `isDuplicate` from a synchronous callback,
/// and delivery calls the rest inside its `BlockingIO` work.
public protocol SieveMemory: Sendable {
    /// Atomically decides whether a vacation reply may go out now: false when one went to
    /// `sender` for `handle` within `period`, otherwise records this one and returns true.
    func claimVacation(user: String, handle: String, sender: String, period: TimeInterval, now: Date) throws(SieveMemoryError) -> Bool
    /// False also when the memory cannot be read (the message is then kept, not lost).
    func isDuplicate(user: String, id: String, now: Date) -> Bool
    func recordDuplicate(user: String, id: String, period: TimeInterval, now: Date) throws(SieveMemoryError)
    /// Records that the user was told about an error in this version of their script;
    /// false when they already were.
    func markErrorNotified(user: String, scriptHash: String) throws(SieveMemoryError) -> Bool
}

extension SieveMemory {
    public func claimVacation(user: String, handle: String, sender: String, period: TimeInterval) throws(SieveMemoryError) -> Bool {
        try claimVacation(user: user, handle: handle, sender: sender, period: period, now: Date())
    }

    public func isDuplicate(user: String, id: String) -> Bool {
        isDuplicate(user: user, id: id, now: Date())
    }

    public func recordDuplicate(user: String, id: String, period: TimeInterval) throws(SieveMemoryError) {
        try recordDuplicate(user: user, id: id, period: period, now: Date())
    }
}

/// The Sieve memory could not be read or written.
public struct SieveMemoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "sieve memory: \(message)" }
}
