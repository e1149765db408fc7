import EventStore
import Foundation
import GRDB
import MessageEvents
import Testing

/// Issue 17: `log trace … --since DURATION` keeps the events inside the window, and a
/// message with no event in it is not part of the answer (not an empty timeline).
@Suite struct MessageTraceSinceTests {
    let old = "1A2B3C4D5E6F", recent = "6F5E4D3C2B1A", notice = "0A1B2C3D4E5F"

    func event(_ text: String, qid: String, at date: Date) -> MessageEvent {
        MessageEvent(date: date, time: "\(date.timeIntervalSince1970)", component: "postino/test", queueID: qid, text: text)
    }

    func trace(now: Date) throws -> MessageTrace {
        let store = try SQLiteMessageEventStore(database: try DatabaseQueue())
        try store.record([
            event("from=<x@remote.test>, size=10, nrcpt=1 (queue active)", qid: old, at: now.addingTimeInterval(-7200)),
            event("to=<bob@example.com>, relay=local, delay=0, status=sent (delivered)", qid: old, at: now.addingTimeInterval(-7199)),
            event("removed", qid: old, at: now.addingTimeInterval(-7199)),
            event("from=<y@remote.test>, size=10, nrcpt=1 (queue active)", qid: recent, at: now.addingTimeInterval(-4000)),
            event("to=<bob@example.com>, relay=local, delay=0, status=bounced (over quota)", qid: recent, at: now.addingTimeInterval(-4000)),
            event("sender non-delivery notification: \(notice)", qid: recent, at: now.addingTimeInterval(-60)),
            event("removed", qid: recent, at: now.addingTimeInterval(-60)),
            event("from=<>, size=5, nrcpt=1 (queue active)", qid: notice, at: now.addingTimeInterval(-59)),
        ])
        return MessageTrace(store: store)
    }

    @Test func withoutSinceEveryMessageAndEveryEvent() throws {
        let timelines = try trace(now: Date()).timelines(for: "bob@example.com")
        #expect(timelines.map(\.qid) == [old, recent, notice])
        #expect(timelines.map(\.events.count) == [3, 4, 1])
    }

    @Test func sinceKeepsTheEventsInTheWindowAndDropsMessagesWithout() throws {
        let now = Date()
        let trace = try trace(now: now)
        // One hour: the old message is out; the recent one keeps its last two events; the
        // notice it led to is still followed.
        let hour = try trace.timelines(for: "bob@example.com", since: now.addingTimeInterval(-3600))
        #expect(hour.map(\.qid) == [recent, notice])
        #expect(hour[0].events.map(\.text) == ["sender non-delivery notification: \(notice)", "removed"])
        // By the old message's own QID: nothing in the window, no timeline.
        #expect(try trace.timelines(for: old, since: now.addingTimeInterval(-3600)).isEmpty)
        // Three hours: everything.
        #expect(try trace.timelines(for: "bob@example.com", since: now.addingTimeInterval(-10_800))
                == trace.timelines(for: "bob@example.com"))
    }
}
