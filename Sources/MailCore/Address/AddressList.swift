/// A mailbox in an RFC 5322 address header: optional display name plus addr-spec.
public struct NamedMailbox: Hashable, Sendable, CustomStringConvertible {
    /// The display name with quoting and comments removed but RFC 2047 encoded words left
    /// as they are (the MIME layer decodes them); nil when absent.
    public var displayName: String?
    public var address: EmailAddress
    public init(displayName: String?, address: EmailAddress) {
        self.displayName = displayName
        self.address = address
    }

    /// The mailbox as header text: `Name <a@b>`, `"Name, Jr." <a@b>` when the name needs
    /// quoting, or `a@b` without a name. Control characters in the name (CR, LF…) become
    /// spaces so a name can never inject a header line. Non-ASCII names are written as they
    /// are (valid only under RFC 6532): producing RFC 2047 encoded words is the message
    /// builder's job, done before this.
    public var headerValue: String {
        // Parsed addresses never hold controls, but `EmailAddress.init` does not validate.
        let addr = AddressListRendering.replacingControls(address.description)
        let name = displayName.map(AddressListRendering.phrase) ?? ""
        if name.isEmpty { return addr }
        return name + " <" + addr + ">"
    }

    public var description: String { headerValue }
}

/// One element of an RFC 5322 `address-list`: a mailbox or a named group of mailboxes.
public enum AddressListEntry: Hashable, Sendable {
    case mailbox(NamedMailbox)
    case group(name: String, members: [NamedMailbox])

    /// Header text: the mailbox, or `Name: a@b, c@d;` (`undisclosed-recipients:;` when empty).
    public var headerValue: String {
        switch self {
        case .mailbox(let mailbox):
            return mailbox.headerValue
        case .group(let name, let members):
            let list = members.map(\.headerValue).joined(separator: ", ")
            return AddressListRendering.phrase(name) + ":" + (list.isEmpty ? "" : " " + list) + ";"
        }
    }
}

public enum AddressList {
    /// Parses the value of From/To/Cc/Reply-To… (RFC 5322 §3.4 `address-list` including the
    /// §4.4 obsolete syntax and RFC 6532 UTF-8) leniently: entries that cannot be parsed are
    /// skipped, never fatal. Linear time on any input. Folded values (CRLF + WSP) are fine.
    public static func parse(_ value: String) -> [AddressListEntry] {
        RFC5322AddressParser.parse(value)
    }

    /// All mailboxes, with group members flattened in order.
    public static func mailboxes(in value: String) -> [NamedMailbox] {
        parse(value).flatMap { entry -> [NamedMailbox] in
            switch entry {
            case .mailbox(let m): return [m]
            case .group(_, let members): return members
            }
        }
    }

    /// Header text for a list: entries joined by ", ", unfolded (folding is the builder's job).
    public static func render(_ entries: [AddressListEntry]) -> String {
        entries.map(\.headerValue).joined(separator: ", ")
    }

    public static func render(_ mailboxes: [NamedMailbox]) -> String {
        mailboxes.map(\.headerValue).joined(separator: ", ")
    }
}

/// RFC 5322 §3.2.5 `phrase` rendering for display and group names.
enum AddressListRendering {
    /// The name as atoms separated by single spaces when possible, else a quoted-string.
    static func phrase(_ name: String) -> String {
        let text = RFC5322AddressParser.trimmingSpaces(replacingControls(name))
        if text.isEmpty { return "" }
        return isAtomSequence(text) ? text : LocalPartSyntax.quoted(text)
    }

    /// Control characters (CR, LF, TAB, NUL…) become spaces: header text stays one line.
    static func replacingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: AddressCharacters.isControl) else { return text }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            cleaned.append(AddressCharacters.isControl(scalar) ? " " : scalar)
        }
        return String(cleaned)
    }

    /// True when `text` is 1*atext words separated by single spaces.
    private static func isAtomSequence(_ text: String) -> Bool {
        var previousWasSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previousWasSpace { return false }
                previousWasSpace = true
                continue
            }
            previousWasSpace = false
            if scalar.isASCII && !AddressCharacters.isASCIIAtext(UInt8(scalar.value)) { return false }
        }
        return !previousWasSpace
    }
}
