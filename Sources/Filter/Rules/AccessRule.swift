/// An administrator's access rule (SPEC 8 "Rules"): Allow from (sender), Allow to
/// (recipient), Block from (sender). The value is an address or a domain; a domain also
/// matches its subdomains.
public struct AccessRule: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case allowFrom = "allow-from"
        case allowTo = "allow-to"
        case blockFrom = "block-from"
    }

    /// What a block rule does.
    public enum BlockAction: String, Sendable, Hashable, Codable, CaseIterable {
        case reject, quarantine
    }

    public var kind: Kind
    /// Lowercase address or domain.
    public var value: String
    public var action: BlockAction

    public init(kind: Kind, value: String, action: BlockAction = .reject) {
        self.kind = kind
        self.value = value.lowercased()
        self.action = action
    }

    /// Whether `address` (any case) is this rule's address, or is in its domain or a
    /// subdomain of it.
    public func matches(_ address: String) -> Bool {
        let address = address.lowercased()
        guard !address.isEmpty else { return false }
        if value.contains("@") { return address == value }
        guard let at = address.lastIndex(of: "@") else { return false }
        let domain = address[address.index(after: at)...]
        return domain == value || domain.hasSuffix("." + value)
    }

    /// The symbol name in verdicts and logs.
    public var symbol: String {
        switch kind {
        case .allowFrom: return "ALLOW_FROM"
        case .allowTo: return "ALLOW_TO"
        case .blockFrom: return "BLOCK_FROM"
        }
    }

    /// Checks a value typed by the administrator: an address or a domain.
    public static func validate(_ value: String) -> String? {
        let value = value.lowercased()
        guard !value.isEmpty, !value.contains(" "), value.count <= 254 else { return "expected an address or a domain" }
        if let at = value.lastIndex(of: "@") {
            let local = value[..<at], domain = value[value.index(after: at)...]
            guard !local.isEmpty, domain.contains(".") || domain == "localhost" else { return "expected an address like user@example.com" }
            return nil
        }
        guard value.contains("."), !value.hasPrefix("."), !value.hasSuffix("."),
              value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            return "expected a domain like example.com"
        }
        return nil
    }
}
