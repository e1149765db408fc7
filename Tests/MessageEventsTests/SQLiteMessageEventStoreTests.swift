import EventStore
import Foundation
import GRDB
import MessageEvents
import Testing

@Suite struct SQLiteMessageEventStoreTests {
    let qid = "3F2A9C1B7D0E", child = "0A1B2C3D4E5F"

    func store() throws -> SQLiteMessageEventStore {
        try SQLiteMessageEventStore(database: try DatabaseQueue())
    }

    func event(_ text: String, qid: String?, at date: Date) -> MessageEvent {
        MessageEvent(date: date, time: "\(date.timeIntervalSince1970)", component: "postino/test", queueID: qid, text: text)
    }

    @Test func traceByQIDMessageIDAndAddressIsTheSameTimeline() throws {
        let store = try store()
        let now = Date()
        try store.record([
            event("client=unknown[127.0.0.1]", qid: qid, at: now),
            event("message-id=<m.1@x.test>", qid: qid, at: now),
            event("from=<x@remote.test>, size=10, nrcpt=1 (queue active)", qid: qid, at: now),
            event("to=<Bob@Example.com>, relay=local, delay=0, status=bounced (over quota)", qid: qid, at: now),
            event("sender non-delivery notification: \(child)", qid: qid, at: now),
            event("connect from unknown[127.0.0.1]", qid: nil, at: now),
            event("from=<>, size=5, nrcpt=1 (queue active)", qid: child, at: now),
            event("removed", qid: qid, at: now),
        ])
        let trace = MessageTrace(store: store)
        let byQID = try trace.timelines(for: qid)
        #expect(byQID.map(\.qid) == [qid, child])
        #expect(byQID[0].events.map(\.text).last == "removed")
        #expect(try trace.timelines(for: "<m.1@x.test>") == byQID)
        #expect(try trace.timelines(for: "m.1@x.test") == byQID)
        #expect(try trace.timelines(for: "bob@example.com") == byQID)
        #expect(try trace.timelines(for: "nobody@x.test").isEmpty)
    }

    @Test func hourlyFiguresAndPruning() throws {
        let store = try store()
        let hour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
        let old = Date(timeIntervalSince1970: hour - 40 * 86_400)
        let recent = Date(timeIntervalSince1970: hour + 1)
        try store.record([
            event("from=<a@b.test>, size=10, nrcpt=2 (queue active)", qid: qid, at: recent),
            event("client=unknown[127.0.0.1]", qid: qid, at: recent),
            event("to=<c@d.test>, relay=local, delay=0, status=sent (delivered)", qid: qid, at: recent),
            event("to=<e@d.test>, relay=local, delay=0, status=sent (delivered)", qid: qid, at: recent),
            event("to=<f@d.test>, relay=x, delay=0, status=deferred (later)", qid: qid, at: recent),
            event("reject: RCPT from unknown[127.0.0.1]: 550 no", qid: nil, at: recent),
            event("from=<a@b.test>, size=10, nrcpt=1 (queue active)", qid: child, at: old),
        ])
        let figures = try store.hourlyFigures(since: Date(timeIntervalSince1970: hour))
        #expect(figures == [HourlyFigures(hour: Date(timeIntervalSince1970: hour), received: 1, sent: 2, refused: 1)])
        #expect(try store.prune(before: Date(timeIntervalSince1970: hour - 30 * 86_400)) == 1)
        #expect(try store.queueIDs(matching: child).isEmpty)
        #expect(try store.queueIDs(matching: qid) == [qid])
    }

    @Test func recorderStoresBeforeReadsWithoutItsThread() throws {
        let recorder = MessageEventRecorder(store: try store(), retentionDays: { 30 })
        recorder.record(event("removed", qid: qid, at: Date()))
        #expect(try recorder.events(queueIDs: [qid], since: nil).map(\.text) == ["removed"])
        let threaded = MessageEventRecorder(store: try store(), retentionDays: { 30 })
        threaded.start()
        threaded.record(event("removed", qid: qid, at: Date()))
        // A read writes what is pending first.
        #expect(try threaded.events(queueIDs: [qid], since: nil).map(\.text) == ["removed"])
        threaded.stop()
    }
}
