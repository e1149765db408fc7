import MailCore

/// SORT (RFC 5256 §3): orders messages by criteria, ties broken by sequence number. Each
/// message's sort keys are computed once (its content read at most once, and only when a
/// criterion needs it).
public enum IMAPSorter {
    /// The messages in sorted order.
    public static func sort<M: IMAPSearchableMessage>(_ messages: [M], by criteria: [IMAPSortCriterion]) -> [M] {
        let needsContent = criteria.contains { c in
            switch c.key {
            case .arrival, .size: return false
            default: return true
            }
        }
        let keyed: [(message: M, keys: [SortKey])] = messages.map { m in
            let content = needsContent ? m.content() : nil
            return (m, criteria.map { sortKey($0.key, m, content) })
        }
        let sorted = keyed.sorted { a, b in
            for (i, criterion) in criteria.enumerated() {
                let order = compare(a.keys[i], b.keys[i])
                if order != 0 { return criterion.reverse ? order > 0 : order < 0 }
            }
            return a.message.sequenceNumber < b.message.sequenceNumber
        }
        return sorted.map(\.message)
    }

    enum SortKey {
        case number(Int64)
        case text([UInt8])
        case unicode(String)
    }

    static func compare(_ a: SortKey, _ b: SortKey) -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        case (.unicode(let x), .unicode(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return 0
        }
    }

    static func sortKey<M: IMAPSearchableMessage>(_ key: IMAPSortCriterion.Key, _ m: M, _ content: Message?) -> SortKey {
        switch key {
        case .arrival: return .number(m.internalDate.secondsSince1970)
        case .size: return .number(Int64(clamping: m.size))
        case .date:
            // RFC 5256 §2.2: the sent date in UTC, else the internal date.
            let sent = content?.header.first(named: "Date").flatMap { RFC5322Date($0.unfoldedBytes) }
            return .number(sent?.instant.secondsSince1970 ?? m.internalDate.secondsSince1970)
        case .subject:
            let raw = content?.header.first(named: "Subject")?.unfoldedBytes ?? []
            return .text(asciiCasemap(Array(IMAPBaseSubject.extract(fromRawValue: raw).utf8)))
        case .from: return .text(asciiCasemap(firstMailbox(content, "From")))
        case .to: return .text(asciiCasemap(firstMailbox(content, "To")))
        case .cc: return .text(asciiCasemap(firstMailbox(content, "Cc")))
        case .displayFrom: return .unicode(displayName(content, "From"))
        case .displayTo: return .unicode(displayName(content, "To"))
        }
    }

    /// i;ascii-casemap (RFC 4790 §9.2): ASCII letters compare in upper case.
    static func asciiCasemap(_ bytes: [UInt8]) -> [UInt8] { bytes.map(IMAPCharacterClass.uppercased) }

    /// The first address structure of a field as ENVELOPE gives it (RFC 3501 §7.4.2): a
    /// group's start marker carries the group name as its mailbox.
    static func firstAddress(_ content: Message?, _ field: String) -> IMAPAddress? {
        guard let value = content?.header.first(named: field)?.unfoldedValue else { return nil }
        return IMAPEnvelope.addresses(in: value).first
    }

    /// RFC 5256 §3: "[IMAP] addr-mailbox of the first … address" — the local part, the
    /// group name for a group, the word itself for an address without a domain; empty
    /// when the field is absent.
    static func firstMailbox(_ content: Message?, _ field: String) -> [UInt8] {
        firstAddress(content, field)?.mailbox ?? []
    }

    /// RFC 5957 §3: the decoded addr-name of the first address when not empty, else
    /// addr-mailbox@addr-host when both are present, else addr-mailbox, else empty.
    static func displayName(_ content: Message?, _ field: String) -> String {
        guard let first = firstAddress(content, field) else { return "" }
        if let name = first.name.map({ EncodedWordDecoder.decodeUnstructured(bytes: $0) }), !name.isEmpty {
            return name.lowercased()
        }
        let mailbox = first.mailbox.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let host = first.host.map { String(decoding: $0, as: UTF8.self) }
        // A missing domain is marked with a placeholder host (see IMAPAddressListReader).
        if let host, !mailbox.isEmpty, host != IMAPAddressListReader.missingHost {
            return (mailbox + "@" + host).lowercased()
        }
        return mailbox.lowercased()
    }
}
