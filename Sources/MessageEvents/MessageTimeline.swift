import Foundation

/// One message's story: its QID and its events in the order they were logged.
public struct MessageTimeline: Sendable, Hashable, Codable {
    public var qid: String
    public var events: [MessageEvent]

    public init(qid: String, events: [MessageEvent]) {
        self.qid = qid
        self.events = events
    }
}

/// `log trace` over the event records: the QIDs a query names, followed to the messages
/// they led to (delivery notices, redirects, vacation replies: "notification: QID",
/// "queued as QID"), each as its own timeline.
public struct MessageTrace: Sendable {
    public let store: any MessageEventStore

    public init(store: any MessageEventStore) {
        self.store = store
    }

    public func timelines(for query: String, since: Date? = nil) throws -> [MessageTimeline] {
        var order = try store.queueIDs(matching: query.trimmingCharacters(in: .whitespaces))
        var byID: [String: [MessageEvent]] = [:]
        var index = 0
        while index < order.count {
            let events = try store.events(queueIDs: [order[index]], since: nil)
            byID[order[index]] = events
            for child in events.compactMap(\.fields.child) where !order.contains(child) { order.append(child) }
            index += 1
        }
        return order.compactMap { id in
            let events = (byID[id] ?? []).filter { event in since.map { event.date >= $0 } ?? true }
            // `--since`: a message with nothing in the window is not part of the answer.
            return since != nil && events.isEmpty ? nil : MessageTimeline(qid: id, events: events)
        }
    }
}
