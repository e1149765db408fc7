import Foundation
import Logging
import MessageEvents

/// The two logs every component writes to: the mail log (a message's life by QID) and
/// the access log (logins, logouts, and IMAP actions when enabled).
public struct ServerLogs: Sendable {
    public let mailSink: LogSink
    public let accessSink: LogSink
    public let formatter: MailLogFormatter
    /// Lines about a message are also kept as event records (set before any logger is made).
    public var events: MessageEventRecorder?

    /// Logs into `log/maillog` and `log/access`, or both to stdout when `toStandardOutput`.
    /// `rotation`: the files rotate themselves (a server); nil: they never do (the CLI).
    public init(dataDirectory: DataDirectory, hostname: String, toStandardOutput: Bool, rotation: LogRotation? = nil) throws {
        formatter = MailLogFormatter(hostname: Self.shortHostname(hostname))
        if toStandardOutput {
            mailSink = .standardOutput
            accessSink = .standardOutput
        } else {
            mailSink = try LogSink(appendingTo: dataDirectory.mailLog, rotation: rotation)
            accessSink = try LogSink(appendingTo: dataDirectory.accessLog, rotation: rotation)
        }
    }

    /// New rotation settings for both files (a running server follows `log.rotate_size`).
    public func setRotation(_ rotation: LogRotation) {
        mailSink.setRotation(rotation)
        accessSink.setRotation(rotation)
    }

    /// Opens both files again by name (SIGHUP, after an external logrotate).
    public func reopen() throws {
        try mailSink.reopen()
        try accessSink.reopen()
    }

    /// A mail-log logger for one component, e.g. `postino/smtpd`.
    public func mailLogger(_ component: String) -> Logger {
        Logger(label: component) { _ in MailLogHandler(component: component, sink: mailSink, formatter: formatter, events: events) }
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
