import ConnectorStore
import Foundation
import GRDB
import MailClient
import Testing
@testable import Connectors

@Suite("Connectors: SQLite store")
struct ConnectorStoreTests {
    let database: DatabaseQueue
    let store: SQLiteConnectorStore

    init() throws {
        database = try DatabaseQueue()
        store = try SQLiteConnectorStore(database: database)
    }

    func account(_ email: String = "Bob@Old.test") -> ConnectorAccount {
        ConnectorAccount(email: email, remoteProtocol: .imap, host: "imap.old.test", tls: .implicit, login: "bob",
                         password: "secret", deliverTo: "alice", remote: .deleteAfter(days: 7), antivirus: false)
    }

    @Test func accountsRoundTripAndAddRefusesDuplicates() async throws {
        try await store.save(account(), adding: true)
        let saved = try #require(try await store.account("bob@old.test"))
        #expect(saved == account())
        #expect(saved.port == 993)
        await #expect(throws: ConnectorStoreError.self) { try await store.save(account(), adding: true) }
        var changed = saved
        changed.enabled = false
        try await store.save(changed, adding: false)
        #expect(try await store.accounts().map(\.enabled) == [false])
        #expect(try await store.remove("BOB@old.test"))
        #expect(try await store.remove("bob@old.test") == false)
    }

    @Test func memoryIsPerScopeAndPendingRowsAreFound() async throws {
        try await store.save(account(), adding: true)
        let now = Date()
        try await store.remember("bob@old.test", FetchedMessage(scope: "imap:INBOX:1", remoteID: "7", state: .stored, queueID: "Q1", at: now))
        try await store.remember("bob@old.test", FetchedMessage(scope: "imap:INBOX:1", remoteID: "8", state: .pending, queueID: "Q2", at: now))
        try await store.remember("bob@old.test", FetchedMessage(scope: "imap:INBOX:2", remoteID: "7", state: .refused, queueID: nil, at: now))
        #expect(Set(try await store.fetched("bob@old.test", scope: "imap:INBOX:1").keys) == ["7", "8"])
        #expect(try await store.fetched("bob@old.test", scope: "imap:INBOX:2")["7"]?.state == .refused)
        #expect(try await store.pending("bob@old.test").map(\.queueID) == ["Q2"])
        try await store.forget("bob@old.test", scope: "imap:INBOX:1", remoteIDs: ["8"])
        #expect(try await store.pending("bob@old.test").isEmpty)
    }

    @Test func statusKeepsCounts() async throws {
        try await store.save(account(), adding: true)
        #expect(try await store.status("bob@old.test") == ConnectorStatus())
        let status = ConnectorStatus(lastRun: Date(timeIntervalSince1970: 100), lastSuccess: nil, fetchedTotal: 5,
                                     fetchedLastRun: 2, lastError: "auth", failures: 3)
        try await store.setStatus("bob@old.test", status)
        #expect(try await store.status("bob@old.test") == status)
    }

    @Test func committedQueueIDsAreFoundInTheQueueOrTheMailIndex() async throws {
        #expect(try await store.wasCommitted(queueID: "ABC") == false)
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE queue_messages (qid TEXT PRIMARY KEY)")
            try db.execute(sql: "CREATE TABLE mail_messages (file TEXT)")
            try db.execute(sql: "INSERT INTO queue_messages VALUES ('QUEUED1')")
            try db.execute(sql: "INSERT INTO mail_messages VALUES ('1700000000.QDELIVERED1_0.host')")
        }
        #expect(try await store.wasCommitted(queueID: "QUEUED1"))
        #expect(try await store.wasCommitted(queueID: "DELIVERED1"))
        #expect(try await store.wasCommitted(queueID: "NEVER1") == false)
        #expect(try await store.wasCommitted(queueID: "%") == false)
    }
}

@Suite("Connectors: pure parts")
struct ConnectorPureTests {
    @Test func scheduleBacksOffAndJitters() {
        #expect(ConnectorSchedule.delay(interval: 5, failures: 0, jitter: 0) == 300)
        #expect(ConnectorSchedule.delay(interval: 5, failures: 2, jitter: 0) == 1200)
        #expect(ConnectorSchedule.delay(interval: 5, failures: 30, jitter: 0) == ConnectorSchedule.maximumBackoff)
        #expect(ConnectorSchedule.delay(interval: 10, failures: 0, jitter: 1) == 660)
        let now = Date()
        #expect(ConnectorSchedule.isDue(lastRun: nil, interval: 5, failures: 0, jitter: 0, now: now))
        #expect(!ConnectorSchedule.isDue(lastRun: now.addingTimeInterval(-200), interval: 5, failures: 0, jitter: 0, now: now))
        #expect(ConnectorSchedule.isDue(lastRun: now.addingTimeInterval(-301), interval: 5, failures: 0, jitter: 0, now: now))
    }

    @Test func headerDigestIgnoresTrailingLineEnds() {
        let a = HeaderDigest.identity(of: Array("Message-ID: <1@x>\r\nSubject: a\r\n\r\n".utf8))
        let b = HeaderDigest.identity(of: Array("Message-ID: <1@x>\r\nSubject: a\r\n".utf8))
        let c = HeaderDigest.identity(of: Array("Message-ID: <2@x>\r\nSubject: a\r\n".utf8))
        #expect(a == b && a != c && a.hasPrefix("digest:") && a.count == 47)
    }

    @Test func senderIsTheReturnPathOfTheHeader() {
        #expect(FetchedSender.returnPath(in: Array("Return-Path: <a@b.test>\r\nFrom: x\r\n\r\nReturn-Path: <c@d>\r\n".utf8)) == "a@b.test")
        #expect(FetchedSender.returnPath(in: Array("From: x\r\n\r\nReturn-Path: <c@d.test>\r\n".utf8)) == "")
        #expect(FetchedSender.returnPath(in: Array("Return-Path: <>\r\n\r\n".utf8)) == "")
    }

    @Test func receivedFieldNamesTheConnectorAndCannotBeSplit() {
        let account = ConnectorAccount(email: "bob@old.test", remoteProtocol: .pop3, host: "pop.old.test\r\nX: y", tls: .implicit,
                                       login: "bob", password: "pw", deliverTo: "alice")
        let text = String(decoding: ConnectorReceivedHeader.field(account: account, secure: true, hostname: "mx.example.com",
                                                                  queueID: "QID1"), as: UTF8.self)
        #expect(text.hasPrefix("Received: from pop.old.test??X: y (port 995)\r\n\t(Postino connector bob@old.test)\r\n\tby mx.example.com (Postino) with POP3S id QID1\r\n\tfor <alice>; "))
        #expect(text.hasSuffix("\r\n") && !text.contains("password"))
    }
}
