import MailCore

/// What a mailbox name must satisfy before it becomes a folder: a name comes from the
/// client and ends up in a file system path.
public struct IMAPMailboxNameRules: Hashable, Sendable {
    /// Longest Unicode name, in UTF-8 octets.
    public var maximumOctets: Int
    /// Longest wire (modified UTF-7) name, in octets: a Maildir++ folder is one
    /// directory entry holding the whole encoded name (NAME_MAX is 255).
    public var maximumEncodedOctets: Int
    /// Most hierarchy levels.
    public var maximumDepth: Int
    /// Characters refused in addition to the built-in ones (a store may refuse "." when it
    /// uses it as its own separator on disk, as Maildir++ does).
    public var forbiddenCharacters: Set<Unicode.Scalar>

    public init(maximumOctets: Int = 255, maximumEncodedOctets: Int = 255, maximumDepth: Int = 16,
                forbiddenCharacters: Set<Unicode.Scalar> = []) {
        self.maximumOctets = maximumOctets
        self.maximumEncodedOctets = maximumEncodedOctets
        self.maximumDepth = maximumDepth
        self.forbiddenCharacters = forbiddenCharacters
    }

    public static let `default` = IMAPMailboxNameRules()
}

/// Why a mailbox name is refused; `reason` is plain ASCII for a `NO` or `BAD` text.
public struct IMAPMailboxNameError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

enum IMAPMailboxNameValidator {
    static func validate(_ name: IMAPMailboxName, rules: IMAPMailboxNameRules) throws(IMAPMailboxNameError) -> String {
        let wire = Array(name.encoded.utf8)
        guard !wire.isEmpty else { throw IMAPMailboxNameError("the mailbox name is empty") }
        guard wire.count <= rules.maximumEncodedOctets else {
            throw IMAPMailboxNameError("the mailbox name is too long (more than \(rules.maximumEncodedOctets) octets encoded)")
        }
        let text: String
        do {
            text = try ModifiedUTF7.decode(wire)
        } catch {
            throw IMAPMailboxNameError("the mailbox name is not valid modified UTF-7: \(error.reason)")
        }
        guard text.utf8.count <= rules.maximumOctets else {
            throw IMAPMailboxNameError("the mailbox name is too long (more than \(rules.maximumOctets) octets)")
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0x2028 || v == 0x2029 {
                throw IMAPMailboxNameError("the mailbox name contains a control character")
            }
            if scalar == "%" || scalar == "*" {
                throw IMAPMailboxNameError("the mailbox name contains a wildcard (% or *)")
            }
            if rules.forbiddenCharacters.contains(scalar) {
                throw IMAPMailboxNameError("the mailbox name contains the character \"\(scalar)\", which is not allowed here")
            }
        }
        let components = text.split(separator: IMAPMailboxName.delimiter, omittingEmptySubsequences: false)
        guard components.count <= rules.maximumDepth else {
            throw IMAPMailboxNameError("the mailbox name has too many levels (at most \(rules.maximumDepth))")
        }
        if text.hasPrefix("/") { throw IMAPMailboxNameError("the mailbox name starts with the hierarchy delimiter /") }
        for component in components {
            if component.isEmpty { throw IMAPMailboxNameError("the mailbox name has an empty level (// or a trailing /)") }
            if component == "." || component == ".." {
                throw IMAPMailboxNameError("the mailbox name has a \".\" or \"..\" level")
            }
            if component.hasPrefix("~") { throw IMAPMailboxNameError("a mailbox name level may not start with ~") }
            if component.unicodeScalars.allSatisfy({ $0 == " " }) {
                throw IMAPMailboxNameError("a mailbox name level is only spaces")
            }
        }
        return text
    }
}
