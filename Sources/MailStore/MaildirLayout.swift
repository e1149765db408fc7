import MailCore

/// Where a mailbox lives on disk, relative to `mail/` (Maildir++ as Dovecot lays it out):
/// a user's INBOX is `USER/Maildir`, the folder `Work/2024` is `USER/Maildir/.Work.2024`;
/// public mailbox `sales` is `public/sales/Maildir`, its folder `sales/Old` is
/// `public/sales/Maildir/.Old`. Components are in modified UTF-7; a '.' or '\' inside a
/// component is escaped as `\2e` / `\5c` (Dovecot's listescape convention) because '.'
/// separates levels.
public enum MaildirLayout {
    public static func directory(owner: MailboxOwner, name: String) -> String {
        let components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch owner {
        case .user(let user):
            if name.uppercased() == "INBOX" { return "\(user)/Maildir" }
            return "\(user)/Maildir/." + components.map(escape).joined(separator: ".")
        case .publicNamespace:
            let top = components[0]
            let base = "public/\(escape(top))/Maildir"
            return components.count == 1 ? base : base + "/." + components.dropFirst().map(escape).joined(separator: ".")
        }
    }

    /// The folder names found in a Maildir++ root's `.X.Y` subdirectories, as IMAP names.
    public static func folderName(fromDirectory entry: String) -> String? {
        guard entry.hasPrefix("."), entry != ".", entry != ".." else { return nil }
        let components = entry.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        var names: [String] = []
        for component in components {
            guard !component.isEmpty, let decoded = try? ModifiedUTF7.decode(unescape(String(component))) else { return nil }
            names.append(decoded)
        }
        return names.joined(separator: "/")
    }

    static func escape(_ component: String) -> String {
        ModifiedUTF7.encode(component)
            .replacingOccurrences(of: "\\", with: "\\5c")
            .replacingOccurrences(of: ".", with: "\\2e")
    }

    static func unescape(_ component: String) -> String {
        component.replacingOccurrences(of: "\\2e", with: ".").replacingOccurrences(of: "\\5c", with: "\\")
    }
}
