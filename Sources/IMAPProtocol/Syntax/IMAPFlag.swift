/// A message flag: a system flag (`\Seen`…) or a keyword (an atom, RFC 3501 §2.3.2).
///
/// Flags compare case-insensitively (ABNF strings are case-insensitive, and clients
/// disagree on the case of keywords); `name` keeps the spelling to send back, canonical
/// for system flags.
public struct IMAPFlag: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// Lower-cased name: what equality and hashing use.
    private let key: String

    /// Takes `name` as given; use `parse(_:)` for client input.
    public init(_ name: String) {
        let lower = String(decoding: name.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF8.self)
        self.name = IMAPFlag.systemFlagSpellings[lower] ?? name
        self.key = lower
    }

    public static func == (a: IMAPFlag, b: IMAPFlag) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public var description: String { name }

    public static let answered = IMAPFlag("\\Answered")
    public static let flagged = IMAPFlag("\\Flagged")
    public static let deleted = IMAPFlag("\\Deleted")
    public static let seen = IMAPFlag("\\Seen")
    public static let draft = IMAPFlag("\\Draft")
    /// Session flag: can be fetched and searched, never stored (RFC 3501 §2.3.2).
    public static let recent = IMAPFlag("\\Recent")

    /// The flags a client may store: every system flag but \Recent.
    public static let storableSystemFlags: [IMAPFlag] = [.answered, .flagged, .deleted, .seen, .draft]

    private static let systemFlagSpellings: [String: String] = [
        "\\answered": "\\Answered", "\\flagged": "\\Flagged", "\\deleted": "\\Deleted",
        "\\seen": "\\Seen", "\\draft": "\\Draft", "\\recent": "\\Recent",
    ]

    /// True for `\`-flags (system flags and flag-extensions).
    public var isSystemFlag: Bool { name.utf8.first == IMAPCharacterClass.backslash }

    /// True for a keyword (`flag-keyword = atom`).
    public var isKeyword: Bool { !isSystemFlag }

    /// Reads `flag` / `flag-fetch` syntax: `"\" atom` or `atom`. Nil for anything else.
    public static func parse(_ bytes: some Collection<UInt8>) -> IMAPFlag? {
        var body = bytes[...]
        if body.first == IMAPCharacterClass.backslash { body = body.dropFirst() }
        guard !body.isEmpty, body.count <= maximumLength, body.allSatisfy(IMAPCharacterClass.isAtomChar) else { return nil }
        return IMAPFlag(String(decoding: bytes, as: UTF8.self))
    }

    /// Longest keyword accepted, in octets.
    public static let maximumLength = 250

    /// Why a client may not store this flag (STORE, APPEND), or nil when it may:
    /// \Recent is not settable, and `\`-flags other than the five system flags are
    /// flag-extensions no standard defines yet (RFC 3501 §9 `flag`).
    public var storeRefusal: String? {
        if self == .recent { return "\\Recent cannot be set by a client" }
        if isSystemFlag && !IMAPFlag.storableSystemFlags.contains(self) { return "unknown system flag \(name)" }
        if isKeyword && (name.isEmpty || !name.utf8.allSatisfy(IMAPCharacterClass.isAtomChar)) { return "invalid keyword \(name)" }
        return nil
    }
}
