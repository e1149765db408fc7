import IMAPProtocol
import MailStore

/// The names `fileinto :create` may create (RFC 5490 §3.2): the same rules as IMAP CREATE,
/// whose checks are IMAPSession's (`decodedName`, `create`, `checkFitsOnDisk`): the
/// mailbox-name validation of IMAPProtocol with "~" and "\" refused, no namespace root
/// ("Shared/…", "Public/…" name other stores there), and Maildir++ directory names that
/// fit in a file name. RFC 5228 §4.1: "Implementations MAY place restrictions on mailbox
/// names; use of an invalid mailbox name MAY be treated as an error".
enum SieveMailboxName {
    static let rules = IMAPMailboxNameRules(forbiddenCharacters: ["~", "\\"])
    /// IMAPServer's MailboxLocation prefixes of the other users' and the public namespaces.
    static let namespacePrefixes: Set<Substring> = ["Shared", "Public"]

    /// Why `name` cannot be created in `owner`'s store; nil when it can.
    static func problem(_ name: String, owner: MailboxOwner) -> String? {
        let decoded: String
        do {
            decoded = try IMAPMailboxName(decoded: name).validate(rules: rules)
        } catch {
            return error.reason
        }
        if let first = decoded.split(separator: "/", omittingEmptySubsequences: false).first,
           namespacePrefixes.contains(first) {
            return "\"\(first)\" is a namespace of other mailboxes, not a folder name"
        }
        if MaildirLayout.directory(owner: owner, name: decoded).split(separator: "/").contains(where: { $0.utf8.count > 255 }) {
            return "the mailbox name is too long for the mail store"
        }
        return nil
    }
}
