import Foundation
import IMAPProtocol
import MailCore

/// A remote folder and where it goes locally.
public struct FolderPlan: Sendable, Hashable {
    /// The name as the remote server spells it (to SELECT it).
    public var remoteName: String
    /// The remote name decoded, with `/` as separator and the personal namespace prefix
    /// removed: what include/exclude patterns and the state are keyed on.
    public var displayName: String
    /// The local mailbox name ('/'-separated, Unicode).
    public var localName: String
    /// RFC 6154 use, e.g. `\Sent`, from the server's attributes or the usual names.
    public var specialUse: String?
    /// False for `\Noselect` containers: created locally, nothing to copy.
    public var selectable: Bool
}

/// Maps the remote folder tree onto the local one: hierarchy separator, personal namespace
/// prefix (`INBOX.` on Courier/Cyrus-style servers), modified UTF-7 names, special-use
/// folders onto the local special folders.
public struct FolderMapper: Sendable {
    /// Local special folders by use (`\Sent` → "Sent"), from the local user's mailboxes.
    public var localSpecial: [String: String]
    public var namespacePrefix: String
    public var includes: [String]
    public var excludes: [String]

    public static let defaultLocalSpecial = ["\\Sent": "Sent", "\\Drafts": "Drafts", "\\Trash": "Trash",
                                             "\\Junk": "Junk", "\\Archive": "Archive"]

    public init(localSpecial: [String: String] = FolderMapper.defaultLocalSpecial, namespacePrefix: String = "",
                includes: [String] = [], excludes: [String] = []) {
        self.localSpecial = localSpecial
        self.namespacePrefix = namespacePrefix
        self.includes = includes
        self.excludes = excludes
    }

    /// The plans for a LIST answer, without excluded folders; a special use goes to one
    /// remote folder only (the first with the attribute, else the first usual name).
    public func plan(_ entries: [IMAPClientListEntry]) -> [FolderPlan] {
        var plans: [FolderPlan] = []
        var claimedUses: Set<String> = []
        // Folders carrying the attribute claim their use before name guesses do.
        let ordered = entries.sorted { a, b in
            (Self.attributeUse(a) != nil ? 0 : 1, a.name) < (Self.attributeUse(b) != nil ? 0 : 1, b.name)
        }
        for entry in ordered where !entry.has("\\NonExistent") {
            let display = displayName(entry)
            guard isIncluded(display) else { continue }
            var use = Self.attributeUse(entry)
            if use == nil, !display.contains("/") || display.hasPrefix("[Gmail]/") {
                use = SpecialUseNames.use(forName: display)
            }
            var local = display.uppercased() == "INBOX" ? "INBOX" : display
            if let wanted = use, !claimedUses.contains(wanted), let target = localSpecial[wanted] {
                claimedUses.insert(wanted)
                local = target
            } else {
                use = nil
            }
            plans.append(FolderPlan(remoteName: entry.name, displayName: display, localName: local, specialUse: use,
                                    selectable: !entry.has("\\Noselect")))
        }
        return plans.sorted { $0.localName < $1.localName }
    }

    static func attributeUse(_ entry: IMAPClientListEntry) -> String? {
        for use in ["\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive"] where entry.has(use) { return use }
        return nil
    }

    /// Decoded, '/'-separated, without the namespace prefix. A '/' inside a remote
    /// component (possible when the remote separator is another character) becomes '_'.
    public func displayName(_ entry: IMAPClientListEntry) -> String {
        var name = entry.name
        if !namespacePrefix.isEmpty, name.count > namespacePrefix.count, name.hasPrefix(namespacePrefix) {
            name = String(name.dropFirst(namespacePrefix.count))
        }
        let components: [String]
        if let delimiter = entry.delimiter, !delimiter.isEmpty {
            components = name.components(separatedBy: delimiter)
        } else {
            components = [name]
        }
        return components.map { component in
            let decoded = (try? ModifiedUTF7.decode(component)) ?? component
            return decoded.replacingOccurrences(of: "/", with: "_")
        }.joined(separator: "/")
    }

    func isIncluded(_ name: String) -> Bool {
        if !includes.isEmpty && !includes.contains(where: { Self.matches(pattern: $0, name) }) { return false }
        return !excludes.contains { Self.matches(pattern: $0, name) }
    }

    /// Glob match: `*` any run of characters (also '/'), `?` one character; case-sensitive
    /// except for INBOX.
    public static func matches(pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), n = Array(name.uppercased().hasPrefix("INBOX") && pattern.uppercased().hasPrefix("INBOX")
                                            ? "INBOX" + name.dropFirst(5) : name)
        let pp = pattern.uppercased().hasPrefix("INBOX") ? Array("INBOX" + pattern.dropFirst(5)) : p
        var memo: [Int: Bool] = [:]
        func match(_ i: Int, _ j: Int) -> Bool {
            let key = i * (n.count + 1) + j
            if let known = memo[key] { return known }
            let result: Bool
            if i == pp.count {
                result = j == n.count
            } else if pp[i] == "*" {
                result = match(i + 1, j) || (j < n.count && match(i, j + 1))
            } else if j < n.count && (pp[i] == "?" || pp[i] == n[j]) {
                result = match(i + 1, j + 1)
            } else {
                result = false
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}
