import MailCore

extension IMAPEnvelope {
    /// The envelope of a message or encapsulated message header (RFC 3501 §7.4.2): Date,
    /// Subject, In-Reply-To and Message-ID as written (unfolded, surrounding blanks
    /// removed; absent → NIL, empty → ""), address fields parsed into address structures
    /// with RFC 2822 groups, Sender and Reply-To defaulting to From.
    public init(header: HeaderFields) {
        func text(_ name: String) -> [UInt8]? {
            header.first(named: name).map { IMAPEnvelope.trimmed($0.unfoldedBytes) }
        }
        func addresses(_ name: String) -> [IMAPAddress] {
            guard let field = header.first(named: name) else { return [] }
            return IMAPEnvelope.addresses(in: field.unfoldedValue)
        }
        let from = addresses("From")
        let sender = addresses("Sender")
        let replyTo = addresses("Reply-To")
        self.init(date: text("Date"), subject: text("Subject"), from: from,
                  sender: sender.isEmpty ? from : sender, replyTo: replyTo.isEmpty ? from : replyTo,
                  to: addresses("To"), cc: addresses("Cc"), bcc: addresses("Bcc"),
                  inReplyTo: text("In-Reply-To"), messageID: text("Message-ID"))
    }

    public init(message: Message) {
        self.init(header: message.header)
    }

    /// Address structures for an address-list value (see `IMAPAddressListReader`).
    static func addresses(in value: String) -> [IMAPAddress] {
        IMAPAddressListReader.addresses(in: value)
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while let f = slice.first, f == 0x20 || f == 0x09 { slice = slice.dropFirst() }
        while let l = slice.last, l == 0x20 || l == 0x09 { slice = slice.dropLast() }
        return Array(slice)
    }
}

extension IMAPAddress {
    /// `(name NIL mailbox host)`: the display name with quoting removed and RFC 2047 words
    /// kept, the local part unquoted, the domain.
    public init(_ mailbox: NamedMailbox) {
        self.init(name: mailbox.displayName.flatMap { $0.isEmpty ? nil : Array($0.utf8) }, adl: nil,
                  mailbox: Array(mailbox.address.localPart.utf8), host: Array(mailbox.address.domain.utf8))
    }
}
