import MailCore

/// Script names for include and ManageSieve (RFC 6609 §3.2, RFC 5804 §1.6).
public enum SieveScriptName {
    /// Non-empty, at most 512 bytes, no "/", no control characters.
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 512
            && !name.unicodeScalars.contains { $0 == "/" || $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }
    }
}

/// Header field names (RFC 5322 §3.6.8: printable ASCII except ':').
enum SieveHeaderName {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 998 && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != UInt8(ascii: ":") }
    }
}

/// Address parsing shared by validation and execution.
enum SieveAddressSyntax {
    /// A redirect target: a bare addr-spec or a single mailbox with a display name.
    static func redirectTarget(_ text: String) -> EmailAddress? {
        let trimmed = text.sieveTrimmed
        if let address = try? EmailAddress.parse(trimmed) { return address }
        let mailboxes = AddressList.mailboxes(in: trimmed)
        return mailboxes.count == 1 ? mailboxes[0].address : nil
    }

    static func mailboxes(_ text: String) -> [NamedMailbox] {
        AddressList.mailboxes(in: text)
    }
}
