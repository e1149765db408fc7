/// LIST, with the LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819) and SPECIAL-USE
/// (RFC 6154) options.
public struct IMAPListCommand: Hashable, Sendable {
    public enum SelectionOption: String, Hashable, Sendable, CaseIterable {
        case subscribed = "SUBSCRIBED"
        case remote = "REMOTE"
        case recursiveMatch = "RECURSIVEMATCH"
        case specialUse = "SPECIAL-USE"
    }

    public var selectionOptions: [SelectionOption]
    /// The reference name, wire form (RFC 3501 §6.3.8).
    public var reference: String
    /// One or more patterns, wire form.
    public var patterns: [String]
    public var returnOptions: IMAPListReturnOptions
    /// True when the extended syntax was used (selection options, several patterns or
    /// RETURN): the response then follows RFC 5258 (CHILDINFO, \NonExistent…).
    public var isExtended: Bool

    public init(selectionOptions: [SelectionOption] = [], reference: String, patterns: [String],
                returnOptions: IMAPListReturnOptions = IMAPListReturnOptions(), isExtended: Bool = false) {
        self.selectionOptions = selectionOptions
        self.reference = reference
        self.patterns = patterns
        self.returnOptions = returnOptions
        self.isExtended = isExtended
    }

    /// The patterns joined with the reference, ready to match; a pattern too long to
    /// match is left out.
    public var mailboxPatterns: [IMAPMailboxPattern] {
        patterns.compactMap { IMAPMailboxPattern(reference: reference, pattern: $0) }
    }

    /// True for `LIST "" ""` (RFC 3501 §6.3.8): the answer is the delimiter and root.
    public var asksForDelimiter: Bool { patterns.count == 1 && patterns[0].isEmpty && !isExtended }
}

/// LIST RETURN options.
public struct IMAPListReturnOptions: Hashable, Sendable {
    public var subscribed: Bool
    public var children: Bool
    public var specialUse: Bool
    /// RFC 5819 STATUS items, nil when not asked.
    public var status: [IMAPStatusAttribute]?
    /// RFC 8440 LIST-MYRIGHTS.
    public var myRights = false

    public init(subscribed: Bool = false, children: Bool = false, specialUse: Bool = false,
                status: [IMAPStatusAttribute]? = nil) {
        self.subscribed = subscribed
        self.children = children
        self.specialUse = specialUse
        self.status = status
    }
}
