import Directory
import Durability
import Foundation
import Intake
import Logging
import MailCore
import Spool

/// Where quarantined mail goes (`filter.quarantine.mailbox`: a user or a public mailbox)
/// and the notice the postmaster gets for each message when `filter.quarantine.notify`.
public struct QuarantineRouter: Sendable {
    let directory: any MailDirectory
    let settings: FilterSettingsSource
    let logger: Logger

    public init(directory: any MailDirectory, settings: FilterSettingsSource, logger: Logger) {
        self.directory = directory
        self.settings = settings
        self.logger = logger
    }

    /// The quarantine deliveries, nil when quarantine is off or its mailbox is not set or
    /// does not exist (the caller refuses instead, as without quarantine).
    public func deliveries(_ context: IntakeContext) async -> [SpoolDelivery]? {
        do {
            return try await BlockingIO.run { [directory, settings] () throws -> [SpoolDelivery]? in
                let current = try settings.current()
                guard current.quarantineEnabled, !current.quarantineMailbox.isEmpty else { return nil }
                let name = current.quarantineMailbox
                if try directory.user(named: name) != nil {
                    return [SpoolDelivery(target: .mailbox(user: name, subaddress: nil), recipient: nil, notify: ["NEVER"])]
                }
                if try directory.publicMailbox(named: name) != nil {
                    return [SpoolDelivery(target: .publicMailbox(name), recipient: nil, notify: ["NEVER"])]
                }
                return nil
            }
        } catch {
            logger.error("filter: cannot find the quarantine mailbox: \(error)", metadata: ["qid": "\(context.queueID)"])
            return nil
        }
    }

    /// The postmaster's notice about one quarantined message, when notices are on.
    public func notice(_ context: IntakeContext, reason: String, symbols: [ScoreSymbol]) -> GeneratedMessage? {
        guard let current = try? settings.current(), current.quarantineNotify else { return nil }
        let postmaster = "postmaster@" + current.hostname
        let score = symbols.reduce(0) { $0 + $1.weight }
        var lines = [
            "A message was quarantined in \(current.quarantineMailbox) (\(reason)).", "",
            "Queue ID:   \(context.queueID)",
            "Sender:     <\(context.envelope.sender)>",
            "Recipients: \(context.envelope.recipients.map { "<\($0)>" }.joined(separator: ", "))",
            "Score:      \(String(format: "%.2f", score))",
            "Symbols:",
        ]
        lines += symbols.map { "  \($0.name)(\(String(format: "%.2f", $0.weight))) \($0.detail)" }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        let bytes = Array((
            "From: Mail Filter <MAILER-DAEMON@\(current.hostname)>\r\n" +
            "To: <\(postmaster)>\r\n" +
            "Subject: Quarantined message \(context.queueID)\r\n" +
            "Date: \(RFC5322DateFormat.string(from: Date()))\r\n" +
            "Message-ID: <quarantine.\(context.queueID)@\(current.hostname)>\r\n" +
            "Auto-Submitted: auto-generated\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text).utf8)
        return GeneratedMessage(kind: .quarantineNotice, sender: "", recipient: postmaster, bytes: bytes)
    }
}
