import Foundation
import MailCore

/// A mail domain. It either delivers locally (Maildir mailboxes) or, with a `relay`,
/// accepts mail for another server and passes it on (backup or gateway MX).
public struct Domain: Sendable, Hashable {
    /// Lowercased A-label name without trailing dot.
    public var name: String
    /// Where mail for the domain goes instead of local mailboxes; nil = local delivery.
    public var relay: RelayTarget?
    /// "Accept unknown recipients": mail to an unknown local part goes there.
    public var catchAll: EmailAddress?
    /// "Copy inbound messages": a hidden copy of every message for the domain.
    public var copyTo: EmailAddress?
    public var dkimEnabled: Bool
    /// Legal text in Markdown appended to outgoing mail from the domain.
    public var disclaimer: String?
    /// A disabled domain is kept with its settings but refuses mail like an unknown one.
    public var enabled: Bool
    public var createdAt: Date

    public init(name: String, relay: RelayTarget? = nil, catchAll: EmailAddress? = nil, copyTo: EmailAddress? = nil,
                dkimEnabled: Bool = false, disclaimer: String? = nil, enabled: Bool = true, createdAt: Date = Date()) {
        self.name = name
        self.relay = relay
        self.catchAll = catchAll
        self.copyTo = copyTo
        self.dkimEnabled = dkimEnabled
        self.disclaimer = disclaimer
        self.enabled = enabled
        self.createdAt = createdAt
    }

    public var deliversLocally: Bool { relay == nil }
}

/// The server that receives mail of a relay domain.
public struct RelayTarget: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Plain SMTP only.
        case none
        /// STARTTLS when the server offers it (default, as between MX hosts).
        case opportunistic
        /// STARTTLS must succeed, or the delivery is deferred.
        case required
        /// TLS from the first byte (SMTPS, RFC 8314).
        case implicit
    }

    public var host: String
    public var port: Int
    public var tls: TLSMode

    public init(host: String, port: Int = 25, tls: TLSMode = .opportunistic) {
        self.host = host
        self.port = port
        self.tls = tls
    }

    /// `host`, `host:port` or `[ipv6]:port`, as typed on the command line.
    public static func parse(_ text: String, tls: TLSMode = .opportunistic) throws(DirectoryError) -> RelayTarget {
        let spec = Text.trim(text)
        var host = spec
        var port = 25
        if spec.hasPrefix("[") {
            guard let close = spec.firstIndex(of: "]") else {
                throw .notAllowed("invalid relay host \"\(text)\": missing ']'")
            }
            host = String(spec[spec.index(after: spec.startIndex)..<close])
            let rest = spec[spec.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":", let p = Int(rest.dropFirst()) else {
                    throw .notAllowed("invalid relay host \"\(text)\": expected [address]:port")
                }
                port = p
            }
        } else if let colon = spec.lastIndex(of: ":") {
            host = String(spec[..<colon])
            guard let p = Int(spec[spec.index(after: colon)...]) else {
                throw .notAllowed("invalid relay host \"\(text)\": the port must be a number")
            }
            port = p
        }
        let target = RelayTarget(host: host, port: port, tls: tls)
        try target.validate(text)
        return target
    }

    func validate(_ original: String) throws(DirectoryError) {
        guard (1...65535).contains(port) else {
            throw .notAllowed("invalid relay host \"\(original)\": port must be 1-65535")
        }
        if IPNetwork.parseAddress(host) == nil, let problem = NameRules.hostnameProblem(host.lowercased()) {
            throw .notAllowed("invalid relay host \"\(original)\": \(problem)")
        }
    }

    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(h):\(port) (tls \(tls.rawValue))"
    }
}

/// Changes to a domain; nil fields stay as they are. For the double optionals,
/// `.some(nil)` clears the value.
public struct DomainUpdate: Sendable {
    public var relay: RelayTarget??
    public var catchAll: EmailAddress??
    public var copyTo: EmailAddress??
    public var dkimEnabled: Bool?
    public var disclaimer: String??
    public var enabled: Bool?

    public init(relay: RelayTarget?? = nil, catchAll: EmailAddress?? = nil, copyTo: EmailAddress?? = nil,
                dkimEnabled: Bool? = nil, disclaimer: String?? = nil, enabled: Bool? = nil) {
        self.relay = relay
        self.catchAll = catchAll
        self.copyTo = copyTo
        self.dkimEnabled = dkimEnabled
        self.disclaimer = disclaimer
        self.enabled = enabled
    }
}
