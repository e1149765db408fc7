import MailCore

/// The checks RFC 5230 lets the interpreter make alone before sending an auto-reply.
/// (Whether this sender already got a reply within the period is the delivery layer's.)
enum VacationPolicy {
    /// Why no reply must be sent, or nil when one may be.
    static func suppressionReason(headers: [SieveHeaderField], envelope: SieveEnvelope,
                                  ownAddresses: [String]) -> String? {
        let sender = envelope.from.sieveTrimmed
        // RFC 5230 §4.6: never reply to the null reverse path.
        if sender.isEmpty || sender == "<>" { return "the envelope sender is null" }
        let senderKey = normalized(sender)
        let local = senderKey.split(separator: "@", maxSplits: 1).first.map(String.init) ?? senderKey
        // RFC 5230 §4.6: system and list addresses.
        if ["mailer-daemon", "listserv", "majordomo"].contains(local) || local.hasPrefix("owner-") || local.hasSuffix("-request") {
            return "the sender \(sender) is a system or mailing-list address"
        }
        let mine = Set(ownAddresses.map(normalized).filter { !$0.isEmpty })
        if mine.contains(senderKey) {
            return "the message comes from the user's own address"
        }
        func values(_ name: String) -> [String] { headers.filter { $0.hasName(name) }.map(\.value) }
        // RFC 5230 §4.6 with RFC 3834 §2: only "no" allows a reply.
        for value in values("Auto-Submitted") {
            let keyword = value.split(separator: ";").first.map { String($0).sieveTrimmed.lowercased() } ?? ""
            if keyword != "no" { return "the message is auto-submitted (\(keyword))" }
        }
        for value in values("Precedence") where ["bulk", "list", "junk"].contains(value.sieveTrimmed.lowercased()) {
            return "the message has Precedence: \(value.sieveTrimmed.lowercased())"
        }
        // List-Id (RFC 2919) and the List-* fields of RFC 2369 mark list traffic.
        if let field = headers.first(where: { $0.name.asciiLowercasedForSieve.hasPrefix("list-") }) {
            return "the message comes from a mailing list (\(field.name))"
        }
        // RFC 5230 §4.5: reply only when one of the user's addresses is a recipient.
        let recipientFields = ["To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"]
        let recipients = recipientFields.flatMap(values).flatMap { AddressList.mailboxes(in: $0) }
            .map { normalized($0.address.localPart + "@" + $0.address.domain) }
        let addressed = recipients.contains { mine.contains($0) }
        if !addressed { return "none of the user's addresses is in To, Cc or Bcc" }
        return nil
    }

    /// Lower case, without angle brackets.
    static func normalized(_ address: String) -> String {
        var text = address.sieveTrimmed
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        return text.lowercased()
    }
}
