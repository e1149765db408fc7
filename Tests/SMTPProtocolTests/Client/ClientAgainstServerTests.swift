import MailCore
import Testing
@testable import SMTPProtocol

/// The client talking to Postino's own server state machine, octets in both directions:
/// whatever one side writes, the other must understand.
@Suite("Client: against the server session")
struct ClientAgainstServerTests {
    struct Loop {
        var client: SMTPClientSession
        var server: TestClient
        var results: [SMTPTransactionResult] = []
        var failures: [SMTPClientFailure] = []
        var readyCount = 0
        var closed = false

        init(client configuration: SMTPClientConfiguration, server: TestClient) {
            self.client = SMTPClientSession(configuration: configuration)
            self.server = server
        }

        mutating func run(_ first: SMTPClientEvent) {
            var clientEvents = [first]
            while !clientEvents.isEmpty {
                let event = clientEvents.removeFirst()
                for action in client.handle(event) {
                    switch action {
                    case .send(let bytes):
                        let before = server.transcript.count
                        server.raw(bytes)
                        let replies = server.transcript[before...].map { $0 + "\r\n" }.joined()
                        if !replies.isEmpty { clientEvents.append(.received(Array(replies.utf8))) }
                        if server.startTLSCount > 0 && !server.session.isClosed && server.session.tls == nil {
                            let before = server.transcript.count
                            server.deliver(.tlsEstablished(SMTPTLSInfo(version: "TLSv1.3", cipher: "")))
                            #expect(server.transcript.count == before)
                        }
                    case .startTLS: clientEvents.append(.tlsEstablished)
                    case .close: closed = true
                    case .ready: readyCount += 1
                    case .finished(let result): results.append(result)
                    case .failed(let failure): failures.append(failure)
                    }
                }
            }
        }

        mutating func connect(tls: Bool = false) {
            let before = server.transcript.count
            server.connect(tls: tls ? SMTPTLSInfo(version: "TLSv1.3", cipher: "") : nil)
            run(.connected(tls: tls))
            let greeting = server.transcript[before...].map { $0 + "\r\n" }.joined()
            run(.received(Array(greeting.utf8)))
        }
    }

    @Test func pipelinedDeliveryWithDSNAndSeveralMessages() {
        var server = TestClient.mx()
        server.recipientPolicy = { $0.path.mailbox?.localPart == "nobody" ? .reject(SMTPReply(550, "5.1.1", "User unknown")) : .accept }
        var loop = Loop(client: SMTPClientConfiguration(heloName: "out.example.org", tls: .opportunistic), server: server)
        loop.connect()
        #expect(loop.readyCount == 1)
        #expect(loop.client.isEncrypted)  // STARTTLS offered by the server session
        #expect(loop.client.capabilities.dsn && loop.client.capabilities.chunking && loop.client.capabilities.pipelining)

        let first = SMTPClientMessage(
            reversePath: "alice@example.org",
            recipients: [SMTPClientRecipient(address: "bob@example.net", notify: .on([.success]),
                                             originalRecipient: "rfc822;bob@example.net"),
                         SMTPClientRecipient(address: "nobody@example.net")],
            content: Array("Subject: one\r\n\r\n.leading dot\r\n".utf8), envelopeID: "E1", dsnReturn: .full)
        loop.run(.send(first))
        #expect(loop.results.map { $0.recipients.map(\.outcome) } == [[.delivered, .failed]])
        #expect(loop.server.committed.count == 1)
        let envelope = loop.server.committed[0].envelope
        #expect(loop.server.committed[0].bytes == Array("Subject: one\r\n\r\n.leading dot\r\n".utf8))
        #expect(envelope.envelopeID == "E1")
        #expect(envelope.dsnReturn == .full)
        #expect(envelope.recipients.first?.notify == .on([.success]))
        #expect(envelope.recipients.first?.originalRecipient?.address == "bob@example.net")
        #expect(envelope.usedBDAT)  // CHUNKING offered and used

        loop.run(.send(outgoing(body: "Subject: two\r\n\r\nd\u{E9}j\u{E0}\r\n")))
        #expect(loop.server.committed.count == 2)
        #expect(loop.server.committed[1].envelope.bodyType == .eightBitMIME)
        loop.run(.quit)
        #expect(loop.closed)
        #expect(loop.failures.isEmpty)
        #expect(loop.server.violations.isEmpty)
    }

    @Test func dataWithoutChunkingOrPipelining() {
        var loop = Loop(client: SMTPClientConfiguration(heloName: "out.example.org", tls: .none,
                                                        usePipelining: false, useChunking: false),
                        server: TestClient.mx())
        loop.connect()
        let body = "Subject: dots\r\n\r\n.\r\n..\r\nend\r\n"
        loop.run(.send(outgoing(body: body)))
        #expect(loop.results.first?.recipients.map(\.outcome) == [.delivered])
        #expect(loop.server.committed.first.map { text($0.bytes) } == body)
        #expect(loop.server.committed.first?.envelope.usedBDAT == false)
    }

    @Test func authenticatedSubmission() {
        var configuration = SMTPSessionConfiguration(role: .implicitTLSSubmission, hostname: "smtp.example.net")
        configuration.tlsAvailable = true
        let server = TestClient(configuration)
        var loop = Loop(client: SMTPClientConfiguration(heloName: "out.example.org", tls: .implicit,
                                                        credentials: SMTPClientCredentials(username: "alice", password: "secret")),
                        server: server)
        loop.connect(tls: true)
        #expect(loop.client.isAuthenticated)
        #expect(loop.server.credentialsSeen.map(\.username) == ["alice"])
        loop.run(.send(outgoing()))
        #expect(loop.results.first?.recipients.map(\.outcome) == [.delivered])
        #expect(loop.server.committed.first?.envelope.authenticatedUser == "alice")
    }

    @Test func sizeLimitOfTheServerIsHonoured() {
        let server = TestClient.mx { $0.maxMessageSize = 100 }
        var loop = Loop(client: SMTPClientConfiguration(heloName: "out.example.org", tls: .none), server: server)
        loop.connect()
        loop.run(.send(outgoing(body: "Subject: big\r\n\r\n" + String(repeating: "x", count: 200) + "\r\n")))
        #expect(loop.results.first?.recipients.first?.reply.enhancedCode == "5.3.4")
        #expect(loop.server.committed.isEmpty)
    }
}
