/// The IMAP system flags (RFC 3501 §2.3.2) a message can carry, stored as a bit set and in
/// Maildir file names as the letters after `:2,` (Maildir spec; Dovecot's letters).
public struct MessageFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let seen = MessageFlags(rawValue: 1)
    public static let answered = MessageFlags(rawValue: 2)
    public static let flagged = MessageFlags(rawValue: 4)
    public static let deleted = MessageFlags(rawValue: 8)
    public static let draft = MessageFlags(rawValue: 16)

    /// In Maildir's required ASCII order: D F R S T.
    static let letters: [(Character, MessageFlags)] = [
        ("D", .draft), ("F", .flagged), ("R", .answered), ("S", .seen), ("T", .deleted),
    ]

    public var maildirLetters: String {
        String(Self.letters.compactMap { contains($0.1) ? $0.0 : nil })
    }

    public init(maildirLetters: Substring) {
        var flags: MessageFlags = []
        for letter in maildirLetters {
            if let match = Self.letters.first(where: { $0.0 == letter }) { flags.insert(match.1) }
        }
        self = flags
    }

    /// IMAP spelling, e.g. `\Seen`.
    public var imapNames: [String] {
        var names: [String] = []
        if contains(.answered) { names.append("\\Answered") }
        if contains(.flagged) { names.append("\\Flagged") }
        if contains(.deleted) { names.append("\\Deleted") }
        if contains(.seen) { names.append("\\Seen") }
        if contains(.draft) { names.append("\\Draft") }
        return names
    }

    public init?(imapName: String) {
        switch imapName.lowercased() {
        case "\\seen": self = .seen
        case "\\answered": self = .answered
        case "\\flagged": self = .flagged
        case "\\deleted": self = .deleted
        case "\\draft": self = .draft
        default: return nil
        }
    }
}
