/// Who "we" are, to recognise the header fields Postino itself adds: every `X-Spam*`
/// field, `Authentication-Results` whose authserv-id is one of `hostnames`, and
/// `Received` fields whose `by` host is one of them. Bayes tokens and the learn-once
/// digest ignore those fields, so a message learnt from IMAP (after we added them) and
/// the same message learnt from a file are one message, and Bayes never learns its own
/// verdicts.
public struct LocalIdentity: Sendable, Hashable {
    /// Lower-case host names (server.hostname and the authserv-id).
    public var hostnames: Set<String>

    public init(hostnames: [String] = []) {
        self.hostnames = Set(hostnames.map { $0.lowercased() }.filter { !$0.isEmpty })
    }

    /// True when the field with this name and unfolded value was added by us.
    public func isOwn(name: String, value: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("x-spam") { return true }
        if hostnames.isEmpty { return false }
        if lower == "authentication-results" {
            let id = value.split(whereSeparator: { $0 == ";" || $0 == " " || $0 == "\t" }).first.map { $0.lowercased() }
            return id.map(hostnames.contains) ?? false
        }
        if lower == "received" {
            return Self.byHost(value).map(hostnames.contains) ?? false
        }
        return false
    }

    /// The host after `by` in a Received field, lower case.
    static func byHost(_ value: String) -> String? {
        // By bytes (the separators and "by" are ASCII): cheaper than by Character.
        let words = value.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A })
        guard let index = words.firstIndex(where: { $0.count == 2 && $0.first! | 0x20 == 0x62 && $0.last! | 0x20 == 0x79 }),
              index + 1 < words.count else { return nil }
        return String(Substring(words[index + 1])).lowercased().trimming(";()")
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
