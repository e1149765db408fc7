import MailCore

/// An alias: a local part bound to one domain (`goofy@example.com`) or to every local
/// domain (`info@*`), delivering to one or more destinations.
public struct Address: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased dot-atom.
    public var localPart: String
    /// nil = every local domain.
    public var domain: String?
    /// Accepts mail only from local senders (authenticated users, local networks).
    public var internalOnly: Bool
    public var destinations: [AddressDestination]

    public init(localPart: String, domain: String?, internalOnly: Bool = false, destinations: [AddressDestination]) {
        self.localPart = localPart
        self.domain = domain
        self.internalOnly = internalOnly
        self.destinations = destinations
    }

    /// `local@domain` or `local@*`, the form `addAddress` and `removeAddress` take.
    public var spec: String { "\(localPart)@\(domain ?? "*")" }
    public var description: String { spec }
}

/// Where an alias delivers.
public enum AddressDestination: Sendable, Hashable, CustomStringConvertible {
    case user(String)
    case group(String)
    case publicMailbox(String)
    /// Any address; a local one is resolved again (aliases of aliases).
    case external(EmailAddress)

    /// Parses the command-line form: `user:NAME`, `group:NAME`, `public:NAME`, or an address.
    public static func parse(_ text: String) throws(DirectoryError) -> AddressDestination {
        let spec = Text.trim(text)
        if let rest = Text.dropPrefix(spec, "user:") {
            return .user(try NameRules.entityName(rest, kind: .user))
        }
        if let rest = Text.dropPrefix(spec, "group:") {
            return .group(try NameRules.entityName(rest, kind: .group))
        }
        if let rest = Text.dropPrefix(spec, "public:") {
            return .publicMailbox(try NameRules.entityName(rest, kind: .publicMailbox))
        }
        guard spec.contains("@") else {
            throw .invalidAddress(text, reason: "expected user:NAME, group:NAME, public:NAME or an email address")
        }
        return .external(try NameRules.externalAddress(spec))
    }

    /// The command-line form, which `parse` reads back.
    public var description: String {
        switch self {
        case let .user(name): return "user:\(name)"
        case let .group(name): return "group:\(name)"
        case let .publicMailbox(name): return "public:\(name)"
        case let .external(address): return address.description
        }
    }
}

/// `local@domain`, `local@*` or `local` (the last two: every local domain).
struct AddressSpec: Hashable {
    var localPart: String
    var domain: String?

    static func parse(_ text: String) throws(DirectoryError) -> AddressSpec {
        let spec = Text.trim(text)
        guard let at = spec.lastIndex(of: "@") else {
            return AddressSpec(localPart: try NameRules.localPart(spec, whole: text), domain: nil)
        }
        let local = try NameRules.localPart(String(spec[..<at]), whole: text)
        let domainText = String(spec[spec.index(after: at)...])
        if domainText == "*" {
            return AddressSpec(localPart: local, domain: nil)
        }
        do {
            return AddressSpec(localPart: local, domain: try NameRules.domainName(domainText))
        } catch {
            if case let .invalidName(_, _, reason) = error {
                throw .invalidAddress(text, reason: "domain: \(reason)")
            }
            throw error
        }
    }

    var text: String { "\(localPart)@\(domain ?? "*")" }
}
