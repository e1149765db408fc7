extension Mailbox {
    /// Junk by its special use (RFC 6154) or, for mailboxes made before it was set, by name.
    public var isJunk: Bool { specialUse == "\\Junk" || name.lowercased() == "junk" }
    public var isTrash: Bool { specialUse == "\\Trash" || name.lowercased() == "trash" }
}
