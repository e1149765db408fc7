import Foundation
import MailCore

/// The message `postino send-test` queues: plain text saying where it came from.
public struct TestMessage: Sendable {
    public var sender: EmailAddress
    public var recipient: EmailAddress
    public var hostname: String
    public var date: Date

    public init(sender: EmailAddress, recipient: EmailAddress, hostname: String, date: Date = Date()) {
        self.sender = sender
        self.recipient = recipient
        self.hostname = hostname
        self.date = date
    }

    public var subject: String { "Postino test message from \(hostname)" }

    public func bytes() -> [UInt8] {
        var builder = MessageBuilder(body: .text("""
            This is a test message queued with `postino send-test` on \(hostname).

            If you read it, delivery from \(sender) to \(recipient) works.
            """))
        builder.addAddressHeader("From", [NamedMailbox(displayName: "Postino test", address: sender)])
        builder.addAddressHeader("To", [NamedMailbox(displayName: nil, address: recipient)])
        builder.addHeader("Subject", subject)
        builder.setDate(date)
        builder.setMessageID(domain: hostname)
        return builder.build()
    }
}
