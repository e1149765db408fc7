import MailCore

/// A mailbox name as it travels on the wire: modified UTF-7 (RFC 3501 §5.1.3) with "/"
/// as the hierarchy delimiter. INBOX is case-insensitive (RFC 3501 §5.1): any spelling of
/// it as the first component is normalised to "INBOX", so "inbox/Sub" is "INBOX/Sub".
///
/// Nothing is validated here: a command may name a mailbox that does not exist or could
/// not exist. Call `validate(rules:)` before using a name for a path (CREATE, RENAME…),
/// and `decoded` to get the Unicode name.
public struct IMAPMailboxName: Hashable, Sendable, CustomStringConvertible {
    /// The hierarchy delimiter Postino uses.
    public static let delimiter: Character = "/"
    static let delimiterByte: UInt8 = 0x2F

    /// The wire (modified UTF-7) form, INBOX normalised.
    public let encoded: String

    public static let inbox = IMAPMailboxName(encoded: "INBOX")

    /// From the wire form.
    public init(encoded: String) {
        self.encoded = IMAPMailboxName.normalisingInbox(encoded)
    }

    /// From raw wire bytes (an astring's content).
    public init(wire bytes: some Collection<UInt8>) {
        self.init(encoded: String(decoding: bytes, as: UTF8.self))
    }

    /// From a Unicode name: encodes it in modified UTF-7.
    public init(decoded name: String) {
        self.init(encoded: ModifiedUTF7.encode(name))
    }

    public var description: String { encoded }

    public var isInbox: Bool { encoded == "INBOX" }

    /// The Unicode name, or nil when the wire form is not valid modified UTF-7.
    public var decoded: String? { try? ModifiedUTF7.decode(encoded) }

    /// The wire form split at the delimiter.
    public var components: [Substring] {
        encoded.split(separator: IMAPMailboxName.delimiter, omittingEmptySubsequences: false)
    }

    /// The parent name ("a/b" for "a/b/c"), nil at the top level.
    public var parent: IMAPMailboxName? {
        guard let cut = encoded.lastIndex(of: IMAPMailboxName.delimiter), cut > encoded.startIndex else { return nil }
        return IMAPMailboxName(encoded: String(encoded[..<cut]))
    }

    /// True when `self` is strictly below `ancestor` in the hierarchy.
    public func isDescendant(of ancestor: IMAPMailboxName) -> Bool {
        encoded.utf8.count > ancestor.encoded.utf8.count + 1
            && encoded.utf8.starts(with: ancestor.encoded.utf8 + [IMAPMailboxName.delimiterByte])
    }

    /// The name without one trailing delimiter: CREATE "foo/" declares that "foo" will
    /// have children and creates "foo" (RFC 3501 §6.3.3).
    public var droppingTrailingDelimiter: IMAPMailboxName {
        guard encoded.count > 1, encoded.hasSuffix("/") else { return self }
        return IMAPMailboxName(encoded: String(encoded.dropLast()))
    }

    /// Validates the name for use as a mailbox (see `IMAPMailboxNameRules`) and returns
    /// the Unicode name.
    public func validate(rules: IMAPMailboxNameRules = .default) throws(IMAPMailboxNameError) -> String {
        try IMAPMailboxNameValidator.validate(self, rules: rules)
    }

    static func normalisingInbox(_ name: String) -> String {
        let bytes = name.utf8
        guard bytes.count >= 5 else { return name }
        let head = bytes.prefix(5)
        guard IMAPCharacterClass.uppercased(head) == "INBOX" else { return name }
        if bytes.count == 5 { return "INBOX" }
        guard bytes.dropFirst(5).first == delimiterByte else { return name }
        return "INBOX" + String(decoding: bytes.dropFirst(5), as: UTF8.self)
    }
}
