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

    /// RFC 5256: the addr-mailbox (local part) of the first address; empty when none.
    static func firstMailbox(_ content: Message?, _ field: String) -> [UInt8] {
        guard let value = content?.header.value(of: field), let first = AddressList.mailboxes(in: value).first else { return [] }
        return Array(first.address.localPart.utf8)
    }

    /// RFC 5957 §3: the decoded display name of the first address, else its addr-spec.
    static func displayName(_ content: Message?, _ field: String) -> String {
        guard let value = content?.header.value(of: field), let first = AddressList.mailboxes(in: value).first else { return "" }
        if let name = first.displayName.map(EncodedWordDecoder.decodeUnstructured), !name.isEmpty {
            return name.lowercased()
        }
        return first.address.description.lowercased()
    }
}
