import Foundation
import MailCore
@testable import Queue
import RelayStore
import SMTPProtocol
import Spool
import Synchronization
import Testing

@Suite("Outbound agent against fake DNS and servers")
struct OutboundAgentTests {
    @Test func deliversByMXAndReusesTheConnection() async throws {
        let fixture = try AgentFixture()
        var ids: [QueueID] = []
        for n in 0..<3 {
            ids.append(try await fixture.queue(to: ["bob\(n)@example.net", "carol\(n)@example.net"]).queueID)
        }
        await fixture.run()
        // One connection, to the best MX, carried all three messages.
        #expect(fixture.transport.opened.map(\.target) == [SMTPConnectTarget(host: "mx1.example.net", address: "192.0.2.1", port: 25)])
        #expect(fixture.transport.sent.count == 3)
        #expect(fixture.transport.sent[0].message.recipients.map(\.address) == ["bob0@example.net", "carol0@example.net"])
        #expect(fixture.transport.opened[0].configuration.tls == .opportunistic)
        #expect(fixture.transport.opened[0].configuration.heloName == "out.example.org")
        for id in ids {
            #expect(try fixture.spool.queue.message(id) == nil)  // delivered and removed
            #expect(!FileManager.default.fileExists(atPath: fixture.spool.messagePath(id)))
        }
        #expect(fixture.notices.isEmpty)
    }

    @Test func triesTheNextHostWhenOneIsDown() async throws {
        let transport = FakeTransport(connectFailure: { target, _ in target.host == "mx1.example.net" ? refusedConnection() : nil })
        let fixture = try AgentFixture(transport: transport)
        let id = try await fixture.queue(to: ["bob@example.net"]).queueID
        await fixture.run()
        #expect(transport.refused.map(\.host) == ["mx1.example.net"])
        #expect(transport.opened.map(\.target.host) == ["mx2.example.net"])
        #expect(try fixture.spool.queue.message(id) == nil)
    }

    @Test func temporaryFailureIsRetriedLaterThenDelivered() async throws {
        let attempts = Mutex(0)
        let transport = FakeTransport(reply: { _, _ in
            attempts.withLock { count in
                count += 1
                return count == 1 ? SMTPReply(451, "4.7.1", "Greylisted, try again") : SMTPReply(250, "2.0.0", "Ok")
            }
        })
        let fixture = try AgentFixture(transport: transport)
        let id = try await fixture.queue(to: ["bob@example.net"]).queueID
        let before = Date()
        await fixture.run()
        let deferred = try #require(try fixture.rows(id).first)
        #expect(deferred.status == .deferred)
        #expect(deferred.attempts == 1)
        #expect(deferred.lastReply == "451 4.7.1 Greylisted, try again (in reply to RCPT TO)")
        #expect(deferred.remoteMTA == "mx1.example.net")
        #expect(deferred.nextAttemptAt >= before.addingTimeInterval(59))  // the first wait (60 s here)
        // Not due yet: a sweep does nothing.
        await fixture.run()
        #expect(transport.sent.count == 1)
        try fixture.makeAllDue()
        await fixture.run()
        #expect(transport.sent.count == 2)
        #expect(try fixture.spool.queue.message(id) == nil)
        #expect(fixture.notices.isEmpty)
    }

    @Test func permanentFailureBouncesToTheSender() async throws {
        let transport = FakeTransport(reply: { _, address in
            address.hasPrefix("nobody") ? SMTPReply(550, "5.1.1", "<\(address)>: User unknown") : SMTPReply(250, "2.0.0", "Ok")
        })
        let fixture = try AgentFixture(transport: transport)
        let id = try await fixture.queue(to: ["nobody@example.net", "bob@example.net"]).queueID
        await fixture.run()
        #expect(try fixture.spool.queue.message(id) == nil)
        let notices = fixture.notices
        #expect(notices.count == 1)
        let (envelope, dsn) = try #require(notices.first)
        #expect(envelope.sender == "")  // null reverse path
        #expect(envelope.deliveries.map(\.target) == [.mailbox(user: "alice", subaddress: nil)])
        #expect(dsn.subject == "Undelivered Mail Returned to Sender")
        #expect(dsn.root.mimeType == "multipart/report")
        let status = String(decoding: dsn.root.children[1].decodedBody(), as: UTF8.self)
        #expect(status.contains("Final-Recipient: rfc822; nobody@example.net"))
        #expect(status.contains("Status: 5.1.1"))
        #expect(status.contains("Remote-MTA: dns; mx1.example.net"))
        #expect(status.contains("Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.net>: User unknown"))
        #expect(!status.contains("bob@example.net"))  // delivered: not in a failure report
        #expect(dsn.root.children[2].mimeType == "message/rfc822")
        // The DSN entered through intake: its dispatcher handed exactly it on.
        #expect(fixture.handedOff.list.withLock { $0.map(\.queueID) } == [envelope.queueID])
    }

    @Test func neverABounceForTheNullSender() async throws {
        let transport = FakeTransport(reply: { _, _ in SMTPReply(550, "5.1.1", "User unknown") })
        let fixture = try AgentFixture(transport: transport)
        let id = try await fixture.queue(from: "", to: ["nobody@example.net"]).queueID
        await fixture.run()
        #expect(try fixture.spool.queue.message(id) == nil)
        #expect(fixture.notices.isEmpty)
        #expect(try fixture.spool.queue.allQueueIDs().isEmpty)
    }

    @Test func notifyNeverAndHeaders() async throws {
        let transport = FakeTransport(reply: { _, _ in SMTPReply(550, "5.1.1", "User unknown") })
        let fixture = try AgentFixture(transport: transport)
        try await fixture.queue(to: ["a@example.net"], notify: ["NEVER"])
        await fixture.run()
        #expect(fixture.notices.isEmpty)
        try await fixture.queue(to: ["b@example.net"], notify: ["FAILURE"], dsnReturn: "HDRS")
        await fixture.run()
        #expect(fixture.notices.first?.message.root.children[2].mimeType == "text/rfc822-headers")
    }

    @Test func nullMXBouncesWithoutConnecting() async throws {
        let fixture = try AgentFixture()
        try await fixture.queue(to: ["x@null.example"])
        await fixture.run()
        #expect(fixture.transport.opened.isEmpty && fixture.transport.refused.isEmpty)
        let status = try #require(fixture.notices.first).message.root.children[1].decodedText()
        #expect(status.contains("Status: 5.1.10"))
    }

    @Test func unreachableUntilTheLifetimeEnds() async throws {
        let transport = FakeTransport(connectFailure: { _, _ in refusedConnection() })
        let fixture = try AgentFixture(transport: transport, lifetime: "1h")
        let fresh = try await fixture.queue(to: ["bob@example.net"]).queueID
        let old = try await fixture.queue(to: ["carol@example.net"], receivedAt: Date().addingTimeInterval(-7200)).queueID
        await fixture.run()
        // Both hosts were tried for each message.
        #expect(Set(transport.refused.map(\.host)) == ["mx1.example.net", "mx2.example.net"])
        let row = try #require(try fixture.rows(fresh).first)
        #expect(row.status == .deferred)
        #expect(row.lastReply?.contains("connection refused") == true)
        #expect(row.remoteMTA == nil)
        // The old one expired: bounced with 4.4.7.
        #expect(try fixture.spool.queue.message(old) == nil)
        let notice = try #require(fixture.notices.first)
        let status = notice.message.root.children[1].decodedText()
        #expect(status.contains("Final-Recipient: rfc822; carol@example.net"))
        #expect(status.contains("Action: failed"))
        #expect(status.contains("Status: 4.4.7"))
    }

    @Test func delayWarningOnceThenStillQueued() async throws {
        let transport = FakeTransport(connectFailure: { _, _ in refusedConnection() })
        let fixture = try AgentFixture(transport: transport, lifetime: "4d", delayWarning: "1h")
        let id = try await fixture.queue(to: ["bob@example.net"], receivedAt: Date().addingTimeInterval(-7200)).queueID
        await fixture.run()
        #expect(fixture.notices.count == 1)
        #expect(fixture.notices.first?.message.subject == "Delayed Mail (still being retried)")
        let status = try #require(fixture.notices.first).message.root.children[1].decodedText()
        #expect(status.contains("Action: delayed"))
        #expect(status.contains("Will-Retry-Until:"))
        let row = try #require(try fixture.rows(id).first)
        #expect(row.status == .deferred && row.delayNotified && row.notice == nil)
        try fixture.makeAllDue()
        await fixture.run()
        #expect(fixture.notices.count == 1)  // once only
        #expect(try fixture.spool.queue.message(id) != nil)
    }

    @Test func successNoticeWhenTheServerHasNoDSN() async throws {
        let fixture = try AgentFixture()
        try await fixture.queue(to: ["bob@example.net"], notify: ["SUCCESS"])
        await fixture.run()
        let notice = try #require(fixture.notices.first)
        #expect(notice.message.subject == "Successful Mail Delivery Report")
        #expect(notice.message.root.children[1].decodedText().contains("Action: relayed"))

        let dsnServer = try AgentFixture(transport: FakeTransport(supportsDSN: true))
        try await dsnServer.queue(to: ["bob@example.net"], notify: ["SUCCESS"])
        await dsnServer.run()
        #expect(dsnServer.notices.isEmpty)  // the next server reports
        #expect(dsnServer.transport.sent.first?.message.recipients.first?.notify == .on([.success]))
    }

    @Test func relayRulesAndSmarthost() async throws {
        let fixture = try AgentFixture()
        let relays = try SQLiteRelayRuleStore(database: fixture.directory.database)
        try relays.save(RelayRule(sender: "example.org", host: "relay.example.com", port: 2525, username: "u",
                                  password: "p", tls: .starttls))
        try relays.save(RelayRule(sender: "*", host: "smart.example.com", port: 2526, tls: .implicit))
        try await fixture.queue(from: "alice@example.org", to: ["bob@example.net"])
        try await fixture.queue(from: "someone@elsewhere.org", to: ["carol@example.net"])
        await fixture.run()
        let opened = fixture.transport.opened.sorted { $0.target.port < $1.target.port }
        #expect(opened.map(\.target) == [
            SMTPConnectTarget(host: "relay.example.com", address: "198.51.100.1", port: 2525),
            SMTPConnectTarget(host: "smart.example.com", address: "198.51.100.2", port: 2526),
        ])
        #expect(opened[0].configuration.credentials == SMTPClientCredentials(username: "u", password: "p"))
        #expect(opened[0].configuration.tls == .required)
        #expect(opened[1].configuration.tls == .implicit)
        #expect(opened[1].configuration.credentials == nil)
    }

    @Test func aBrokenConnectionLeavesTheRestForANewOne() async throws {
        let fixture = try AgentFixture(transport: FakeTransport(messagesBeforeDrop: 1))
        for n in 0..<3 { try await fixture.queue(to: ["r\(n)@example.net"]) }
        await fixture.run()
        #expect(fixture.transport.opened.count == 3)
        #expect(try fixture.spool.queue.allQueueIDs().isEmpty)
    }

    @Test func aMessageDeletedMeanwhileIsSkipped() async throws {
        let fixture = try AgentFixture()
        let id = try await fixture.queue(to: ["bob@example.net"]).queueID
        try QueueManager(spool: fixture.spool).delete(id.rawValue)
        await fixture.run()
        #expect(fixture.transport.sent.isEmpty)
    }

    @Test func utf8AndIDNAddresses() async throws {
        let transport = FakeTransport()
        let dns = FakeDNS(addresses: ["xn--bcher-kva.example": ["192.0.2.30"]])
        let fixture = try AgentFixture(transport: transport, dns: dns)
        try await fixture.queue(to: ["info@b\u{FC}cher.example", "j\u{F6}rg@b\u{FC}cher.example"])
        await fixture.run()
        let message = try #require(transport.sent.first?.message)
        #expect(message.recipients.map(\.address) == ["info@xn--bcher-kva.example", "j\u{F6}rg@xn--bcher-kva.example"])
        #expect(message.requiresSMTPUTF8)
    }

    @Test func aFailedForwardReportsTheForwardedAddress() async throws {
        let transport = FakeTransport(reply: { _, _ in SMTPReply(550, "5.1.1", "User unknown") })
        let fixture = try AgentFixture(transport: transport)
        let envelope = SpoolEnvelope(
            queueID: QueueID.generate(), sender: "alice@example.org", receivedAt: Date(), origin: .mx,
            deliveries: [SpoolDelivery(target: .remote(address: "bob@example.net"), recipient: "bob@example.org")])
        try await fixture.spool.enqueue(Array("Subject: fwd\r\n\r\nx\r\n".utf8), envelope: envelope)
        await fixture.run()
        let status = try #require(fixture.notices.first).message.root.children[1].decodedText()
        #expect(status.contains("Final-Recipient: rfc822; bob@example.net"))
        #expect(status.contains("Original-Recipient: rfc822; bob@example.org"))
    }

    @Test func connectionsPerDestinationAreLimited() async throws {
        let configuration = OutboundConfiguration(maximumConnectionsPerDestination: 2, messagesPerConnectionShare: 1,
                                                  retryOverride: (60, 600))
        let fixture = try AgentFixture(configuration: configuration)
        for n in 0..<6 { try await fixture.queue(to: ["r\(n)@example.net"]) }
        try await fixture.queue(to: ["s@[192.0.2.77]"])
        await fixture.run()
        let toExampleNet = fixture.transport.opened.filter { $0.target.host.hasSuffix("example.net") }
        #expect(toExampleNet.count == 2)  // six messages, two connections
        #expect(fixture.transport.opened.contains { $0.target.address == "192.0.2.77" })  // another destination
        #expect(fixture.transport.sent.count == 7)
        #expect(try fixture.spool.queue.allQueueIDs().isEmpty)
    }
}
