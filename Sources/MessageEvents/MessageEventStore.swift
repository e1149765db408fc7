import Foundation

/// Where the message events are kept (`EventStore.SQLiteMessageEventStore`:
/// postino.sqlite). Synchronous and blocking: call it from a BlockingIO thread, a
/// dedicated thread or the CLI, never from an event loop or a Swift concurrency thread.
public protocol MessageEventStore: Sendable {
    /// Appends events (one transaction).
    func record(_ events: [MessageEvent]) throws
    /// The QIDs a query names directly: the QID itself, the QIDs whose Message-ID it is
    /// (with or without <>), or those with the address as sender or recipient; oldest first.
    func queueIDs(matching query: String) throws -> [String]
    /// Every event of these QIDs since `since` (all when nil), in the order they were written.
    func events(queueIDs: [String], since: Date?) throws -> [MessageEvent]
    /// The messages received, sent (deliveries) and refused in each hour since `since`.
    func hourlyFigures(since: Date) throws -> [HourlyFigures]
    /// Deletes the events written before `date`; returns how many.
    @discardableResult
    func prune(before date: Date) throws -> Int
}

/// One hour of the dashboard's chart.
public struct HourlyFigures: Sendable, Hashable, Codable {
    /// The start of the hour (UTC).
    public var hour: Date
    /// Messages accepted (a `from=<…>, size=…` event each).
    public var received: Int
    /// Recipients delivered or relayed (`status=sent`).
    public var sent: Int
    /// Messages refused (552, 554, RCPT refusals).
    public var refused: Int

    public init(hour: Date, received: Int = 0, sent: Int = 0, refused: Int = 0) {
        self.hour = hour
        self.received = received
        self.sent = sent
        self.refused = refused
    }
}
