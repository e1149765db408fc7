import Foundation
import Logging

/// The two logs every component writes to: the mail log (a message's life by QID) and
/// the access log (logins, logouts, and IMAP actions when enabled).
public struct ServerLogs: Sendable {
    public let mailSink: LogSink
    public let accessSink: LogSink
    public let formatter: MailLogFormatter

    /// Logs into `log/maillog` and `log/access`, or both to stdout when `toStandardOutput`.
    public init(dataDirectory: DataDirectory, hostname: String, toStandardOutput: Bool) throws {
        formatter = MailLogFormatter(hostname: Self.shortHostname(hostname))
        if toStandardOutput {
            mailSink = .standardOutput
            accessSink = .standardOutput
        } else {
            mailSink = try LogSink(appendingTo: dataDirectory.mailLog)
            accessSink = try LogSink(appendingTo: dataDirectory.accessLog)
        }
    }

    /// A mail-log logger for one component, e.g. `postino/smtpd`.
    public func mailLogger(_ component: String) -> Logger {
        Logger(label: component) { _ in MailLogHandler(component: component, sink: mailSink, formatter: formatter) }
    }

    /// An access-log logger for one component, e.g. `postino/imap-login`.
    public func accessLogger(_ component: String) -> Logger {
        Logger(label: component) { _ in MailLogHandler(component: component, sink: accessSink, formatter: formatter) }
    }

    /// Syslog prints the host's short name.
    static func shortHostname(_ fqdn: String) -> String {
        fqdn.split(separator: ".").first.map(String.init) ?? fqdn
    }
}
