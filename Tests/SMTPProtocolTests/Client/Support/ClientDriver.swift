@testable import SMTPProtocol

/// Drives an `SMTPClientSession` like the NIO glue would, playing the server by hand:
/// `reply("250 ok")` feeds server lines, and everything the client wrote is in `written`.
struct ClientDriver {
    var session: SMTPClientSession
    /// Every command or data write, as text, in order.
    private(set) var written: [String] = []
    private(set) var results: [SMTPTransactionResult] = []
    private(set) var failures: [SMTPClientFailure] = []
    private(set) var readyCount = 0
    private(set) var startTLSCount = 0
    private(set) var closed = false
    private(set) var actions: [SMTPClientAction] = []
    /// Contract breaches (actions after close); must stay empty.
    private(set) var violations: [String] = []

    init(_ configuration: SMTPClientConfiguration = ClientDriver.plain) {
        session = SMTPClientSession(configuration: configuration)
    }

    static let plain = SMTPClientConfiguration(heloName: "out.example.org", tls: .none)

    static func configured(_ adjust: (inout SMTPClientConfiguration) -> Void) -> ClientDriver {
        var configuration = plain
        adjust(&configuration)
        return ClientDriver(configuration)
    }

    /// Everything written since the given index, joined.
    func writtenText(from index: Int = 0) -> String { written[index...].joined() }

    @discardableResult
    mutating func feed(_ event: SMTPClientEvent) -> [SMTPClientAction] {
        let produced = session.handle(event)
        for action in produced {
            if closed { violations.append("action after close: \(action)") }
            actions.append(action)
            switch action {
            case .send(let bytes): written.append(String(decoding: bytes, as: UTF8.self))
            case .startTLS: startTLSCount += 1
            case .close: closed = true
            case .ready: readyCount += 1
            case .finished(let result): results.append(result)
            case .failed(let failure): failures.append(failure)
            }
        }
        return produced
    }

    /// Server lines, each given without CRLF, sent in one read.
    @discardableResult
    mutating func reply(_ lines: String...) -> [SMTPClientAction] {
        feed(.received(Array(lines.map { $0 + "\r\n" }.joined().utf8)))
    }

    /// Connects and answers greeting and EHLO with the given extensions.
    mutating func open(extensions: [String] = ["PIPELINING", "8BITMIME", "SIZE 1000000", "ENHANCEDSTATUSCODES"]) {
        feed(.connected(tls: false))
        reply("220 mx.example.net ESMTP")
        var lines = ["250-mx.example.net"]
        for (index, ext) in extensions.enumerated() {
            lines.append((index == extensions.count - 1 ? "250 " : "250-") + ext)
        }
        if extensions.isEmpty { lines = ["250 mx.example.net"] }
        feed(.received(Array(lines.map { $0 + "\r\n" }.joined().utf8)))
    }

    /// The outcomes of the last result, in recipient order.
    var lastOutcomes: [SMTPRecipientResult.Outcome] { results.last?.recipients.map(\.outcome) ?? [] }
}

func outgoing(from sender: String = "alice@example.org", to recipients: [String] = ["bob@example.net"],
             body: String = "Subject: hi\r\n\r\nHello.\r\n") -> SMTPClientMessage {
    SMTPClientMessage(reversePath: sender, recipients: recipients.map { SMTPClientRecipient(address: $0) },
                      content: Array(body.utf8))
}
