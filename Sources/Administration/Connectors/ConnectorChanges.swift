import Connectors
import MailClient

/// What `connector add` and `connector set` may give; nil leaves a field as it is (set)
/// or takes the default (add). Text values are parsed and checked by `apply`.
public struct ConnectorChanges: Sendable {
    public var `protocol`: String?
    public var host: String?
    public var port: Int?
    public var tls: String?
    /// `on` / `off`.
    public var tlsVerify: String?
    public var user: String?
    public var password: String?
    public var deliverTo: String?
    public var remote: String?
    public var antispam: String?
    public var antivirus: String?
    public var interval: Int?
    public var folder: String?
    public var enabled: String?

    public init() {}

    /// The account with these changes applied to `base` (nil: a new account for `email`).
    func apply(to base: ConnectorAccount?, email: String) throws(AdminError) -> ConnectorAccount {
        let kind: ConnectorAccount.RemoteProtocol
        if let text = self.protocol {
            guard let parsed = ConnectorAccount.RemoteProtocol(rawValue: text.lowercased()) else {
                throw .invalidInput("protocol: expected pop3 or imap, got \"\(text)\"")
            }
            kind = parsed
        } else if let base {
            kind = base.remoteProtocol
        } else {
            throw .invalidInput("--protocol pop3|imap is required")
        }
        let mode: ClientTLSMode
        if let text = tls {
            guard let parsed = ClientTLSMode(rawValue: text.lowercased()) else {
                throw .invalidInput("tls: expected none, starttls or implicit, got \"\(text)\"")
            }
            mode = parsed
        } else if let base {
            mode = base.tls
        } else {
            throw .invalidInput("--tls none|starttls|implicit is required")
        }
        guard let host = (host ?? base?.host)?.trimmingCharacters(in: .whitespaces), !host.isEmpty,
              !host.contains(where: { $0 == " " || $0 == "/" }) else { throw .invalidInput("--host HOST is required") }
        guard let login = user ?? base?.login, !login.isEmpty else { throw .invalidInput("--user LOGIN is required") }
        guard let password = password ?? base?.password, !password.isEmpty else {
            throw .invalidInput("a password is required (--password-stdin)")
        }
        guard let deliverTo = (deliverTo ?? base?.deliverTo)?.lowercased(), !deliverTo.isEmpty else {
            throw .invalidInput("--deliver-to LOCALUSER is required")
        }
        if let port, !(1...65_535).contains(port) { throw .invalidInput("port: \(port) is not between 1 and 65535") }
        // A changed protocol or TLS mode without a port takes that mode's usual port.
        let keepsPort = base.map { $0.remoteProtocol == kind && $0.tls == mode } ?? false
        let remotePolicy: RemotePolicy
        if let text = remote {
            guard let parsed = RemotePolicy(parsing: text) else {
                throw .invalidInput("remote: expected keep, delete or a number of days, got \"\(text)\"")
            }
            remotePolicy = parsed
        } else {
            remotePolicy = base?.remote ?? .keep
        }
        let interval = interval ?? base?.interval ?? 5
        guard (1...10_080).contains(interval) else { throw .invalidInput("interval: \(interval) minutes is not between 1 and 10080") }
        let folder = folder ?? base?.folder ?? "INBOX"
        guard !folder.isEmpty, !folder.contains(where: { $0 == "\r" || $0 == "\n" }) else { throw .invalidInput("folder: invalid name") }
        return ConnectorAccount(
            email: email, remoteProtocol: kind, host: host, port: port ?? (keepsPort ? base?.port : nil), tls: mode,
            verifyCertificate: try Self.onOff(tlsVerify, "tls-verify") ?? base?.verifyCertificate ?? true,
            login: login, password: password, deliverTo: deliverTo, remote: remotePolicy,
            antispam: try Self.onOff(antispam, "antispam") ?? base?.antispam ?? true,
            antivirus: try Self.onOff(antivirus, "antivirus") ?? base?.antivirus ?? true,
            interval: interval, folder: folder,
            enabled: try Self.onOff(enabled, "enabled") ?? base?.enabled ?? true)
    }

    static func onOff(_ text: String?, _ name: String) throws(AdminError) -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "on", "yes", "true": return true
        case "off", "no", "false": return false
        default: throw .invalidInput("\(name): expected on or off, got \"\(text)\"")
        }
    }
}
