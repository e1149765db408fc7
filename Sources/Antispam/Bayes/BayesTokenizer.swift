import MailCore

/// Turns a `SpamMessage` into the set of Bayes tokens: the names of the header fields
/// (our own and mailing-list ones excluded), words and addresses of Subject, From, To, Cc,
/// Reply-To, mailer, Message-ID domain, relays of Received (the first hop apart), words
/// of the visible text (plain and
/// HTML, decoded), URL pieces, addresses' domains, MIME structure (types, encodings,
/// charsets, attachment extensions). HTML tag names are left to the rules: newsletters
/// people want share them with spam. Tokens are strings while built and
/// 64-bit FNV-1a hashes when stored.
public enum BayesTokenizer {
    /// Mailing list management fields: they describe the way a message travelled, not
    /// what it is (spam reaches lists too), and come in correlated groups that would
    /// outweigh the content.
    static let listFields: Set<String> = ["x-beenthere", "x-mailman-version", "precedence", "errors-to", "sender",
                                          "x-list", "mailing-list", "x-mailing-list", "x-loop"]

    /// Fields whose whole (short) value is a token.
    static let shortValueFields: Set<String> = ["x-priority", "x-msmail-priority", "importance", "mime-version",
                                                "content-transfer-encoding", "x-mimeole", "priority"]

    /// The sorted, distinct hashes of the tokens (what the model stores).
    public static func tokens(_ m: SpamMessage) -> [UInt64] {
        var out = TokenSink(keepStrings: false)
        collect(m, into: &out)
        return out.sortedHashes()
    }

    /// The tokens as text, to show what Bayes sees (`spam tokens`).
    public static func tokenStrings(_ m: SpamMessage) -> Set<String> {
        var out = TokenSink(keepStrings: true)
        collect(m, into: &out)
        return out.strings ?? []
    }

    static func collect(_ m: SpamMessage, into out: inout TokenSink) {
        headerTokens(m, into: &out)
        words(m.visibleText, prefix: "", into: &out)
        for url in m.urls { urlTokens(url, into: &out) }
        mimeTokens(m, into: &out)
        if m.html.images > 0 { out.insert("html:img:\(min(m.html.images, 5))") }
    }

    static func headerTokens(_ m: SpamMessage, into out: inout TokenSink) {
        var receivedCount = 0
        var origin: String?
        for field in m.fields {
            let name = field.name.lowercased()
            if shortValueFields.contains(name) {
                out.insert("hv:" + name + ":" + field.raw.lowercased().trimming(" \t").prefix(24))
            }
            if !listFields.contains(name), !name.hasPrefix("list-") { out.insert("h:" + name) }
            switch name {
            case "subject":
                words(field.decoded, prefix: "s:", into: &out, keepCase: true)
            case "from", "to", "cc", "reply-to":
                addressTokens(field.decoded, prefix: name, into: &out)
            case "message-id":
                let value = field.raw.trimming(" <>\t")
                if let at = value.lastIndex(of: "@") {
                    out.insert("mid:" + value[value.index(after: at)...].lowercased().prefix(40))
                } else {
                    out.insert("mid:none")
                }
            case "received":
                receivedCount += 1
                receivedTokens(field.raw, prefix: "rcvd:", into: &out)
                origin = field.raw
            case "content-type":
                out.insert("ct:" + String(field.raw.lowercased().prefix(while: { $0 != ";" })).trimming(" \t"))
            case "x-mailer", "user-agent":
                out.insert("xm:" + String(field.raw.lowercased().prefix(30)))
                words(field.decoded, prefix: "xm:", into: &out)
            case "date":
                dateTokens(field.raw, into: &out)
            default:
                break
            }
        }
        out.insert("rcvd:count:\(min(receivedCount, 8))")
        // The first hop (the last field) is where the message came from.
        if let origin { receivedTokens(origin, prefix: "orig:", into: &out) }
    }

    static func dateTokens(_ raw: String, into out: inout TokenSink) {
        // The zone and the shape of the Date field (mailers differ), not the date itself.
        let parts = raw.split(separator: " ")
        if let zone = parts.last { out.insert("date:zone:" + zone.prefix(6)) }
        out.insert("date:parts:\(parts.count)")
    }

    static func addressTokens(_ value: String, prefix: String, into out: inout TokenSink) {
        let mailboxes = AddressList.mailboxes(in: value)
        if mailboxes.isEmpty { out.insert(prefix + ":none") }
        out.insert(prefix + ":count:\(min(mailboxes.count, 10))")
        for mailbox in mailboxes.prefix(20) {
            let address = mailbox.address.description.lowercased()
            out.insert(prefix + ":addr:" + address)
            if let at = address.lastIndex(of: "@") {
                let domain = address[address.index(after: at)...]
                for suffix in domainSuffixes(String(domain)) { out.insert(prefix + ":dom:" + suffix) }
            }
            if let name = mailbox.displayName, !name.isEmpty {
                words(name, prefix: prefix + ":name:", into: &out)
            } else {
                out.insert(prefix + ":noname")
            }
        }
    }

    /// `a.b.example.com` → example.com, b.example.com, a.b.example.com (at most 4).
    static func domainSuffixes(_ domain: String) -> [String] {
        // Fast path, by bytes: no empty label, so a suffix is the text after a dot.
        let utf8 = domain.utf8
        var dots: [String.Index] = []
        var previous: UInt8 = 0x2E
        var wellFormed = true
        for i in utf8.indices {
            let byte = utf8[i]
            if byte == 0x2E {
                if previous == 0x2E { wellFormed = false; break }
                dots.append(i)
            }
            previous = byte
        }
        if wellFormed, previous != 0x2E {
            guard !dots.isEmpty else { return [domain] }
            var result: [String] = []
            for k in 2...min(dots.count + 1, 4) {
                result.append(k == dots.count + 1 ? domain : String(domain[utf8.index(after: dots[dots.count - k])...]))
            }
            return result
        }
        let labels = domain.split(separator: ".")
        guard labels.count >= 2 else { return [domain] }
        var result: [String] = []
        for k in 2...min(labels.count, 4) { result.append(labels.suffix(k).joined(separator: ".")) }
        return result
    }

    static func receivedTokens(_ raw: String, prefix: String, into out: inout TokenSink) {
        let lower = raw.lowercased()
        // Byte-level split (ASCII separators): the same words, far cheaper than by Character.
        for bytes in lower.utf8.split(whereSeparator: { b in
            b == 0x20 || b == 0x09 || b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == 0x3B || b == 0x3C || b == 0x3E
        }) {
            let w = String(Substring(bytes))
            let hasDot = bytes.contains(0x2E)
            if hasDot, w.count > 3 {
                if bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) {
                    let octets = w.split(separator: ".")
                    if octets.count == 4 {
                        out.insert(prefix + "ip:" + octets.prefix(2).joined(separator: "."))
                        out.insert(prefix + "ip:" + octets.prefix(3).joined(separator: "."))
                    }
                } else {
                    for suffix in domainSuffixes(w) { out.insert(prefix + suffix) }
                }
            } else if w == "with" || w.hasPrefix("esmtp") || w.hasPrefix("smtp") || w == "unknown" || w == "helo" {
                out.insert(prefix + "w:" + w)
            }
        }
    }

    static func urlTokens(_ url: String, into out: inout TokenSink) {
        let lower = url.lowercased()
        if lower.hasPrefix("https:") { out.insert("proto:https") } else if lower.hasPrefix("http:") { out.insert("proto:http") }
        guard let host = URLScanner.host(of: lower) else { return }
        if host.allSatisfy({ $0.isNumber || $0 == "." }) { out.insert("url:ip") }
        for suffix in domainSuffixes(host) { out.insert("url:" + suffix) }
        if let slash = lower.firstIndex(of: "/"), let path = lower[slash...].split(separator: "/", maxSplits: 3).dropFirst(2).first {
            for piece in path.split(whereSeparator: { "?=&.-_%".contains($0) }).prefix(6) where piece.count >= 3 && piece.count <= 20 {
                out.insert("url:p:" + piece)
            }
        }
    }

    static func mimeTokens(_ m: SpamMessage, into out: inout TokenSink) {
        out.insert("mime:parts:\(min(m.leaves.count, 10))")
        for part in m.message.allParts {
            out.insert("mime:" + part.mimeType)
            if let cte = part.header.value(of: "Content-Transfer-Encoding") {
                out.insert("cte:" + cte.lowercased().trimming(" \t"))
            }
            if let charset = part.charset { out.insert("cs:" + charset) }
            if let name = part.filename, let dot = name.lastIndex(of: ".") {
                out.insert("fn:" + name[name.index(after: dot)...].lowercased().prefix(8))
            }
        }
    }

    /// Words of 3…12 characters, lower case (and as written in subjects); longer ones as a
    /// `skip:` token with their first letter and length class; addresses and
    /// currency amounts kept whole.
    static func words(_ text: String, prefix: String, into out: inout TokenSink, keepCase: Bool = false) {
        // Split by scalars: "\r\n" is one Character, and CRLF text (SMTP, IMAP) must give
        // the same words as LF text (files). The separators are ASCII, so the UTF-8 bytes
        // split at the same places; ASCII words are read from the bytes directly.
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0...bytes.count {
                guard i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D else { continue }
                defer { start = i + 1 }
                guard start < i else { continue }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if word.allSatisfy({ $0 < 0x80 }) {
                    asciiWord(word, prefix: prefix, into: &out, keepCase: keepCase)
                } else {
                    otherWord(Substring(decoding: word, as: UTF8.self), prefix: prefix, into: &out, keepCase: keepCase)
                }
            }
        }
    }

    /// `words` for one word with non-ASCII text, by characters.
    private static func otherWord(_ raw: Substring, prefix: String, into out: inout TokenSink, keepCase: Bool) {
        var word = raw
        while let c = word.first, !(c.isLetter || c.isNumber || c == "$" || c == "€" || c == "£") { word = word.dropFirst() }
        while let c = word.last, !(c.isLetter || c.isNumber || c == "!" || c == "%") { word = word.dropLast() }
        let count = word.count
        guard count >= 1 else { return }
        if count > 12 {
            if word.contains("@") || word.contains(".") {
                let lower = word.lowercased()
                if let at = lower.lastIndex(of: "@") { out.insert(prefix + "email:" + lower[lower.index(after: at)...]) }
                else { out.insert(prefix + "w:" + lower.prefix(30)) }
            } else {
                out.insert(prefix + "skip:" + String(word.first!).lowercased() + "\(count / 10 * 10)")
            }
            return
        }
        if count < 3, !word.contains("$"), !word.contains("!") { return }
        let lower = word.lowercased()
        out.insert(prefix + lower)
        if keepCase, lower != word, word.count >= 3 { out.insert(prefix + "c:" + word) }
    }

    /// `words` for one all-ASCII word, by bytes (a Character is then a byte, and
    /// isLetter/isNumber are [A-Za-z]/[0-9]): the same tokens, without grapheme breaking.
    static func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>, prefix: String, into out: inout TokenSink, keepCase: Bool) {
        func alnum(_ b: UInt8) -> Bool { (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) }
        var start = 0, end = bytes.count
        while start < end, !(alnum(bytes[start]) || bytes[start] == 0x24) { start += 1 }
        while start < end {
            let last = bytes[end - 1]
            if alnum(last) || last == 0x21 || last == 0x25 { break }
            end -= 1
        }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let count = trimmed.count
        guard count >= 1 else { return }
        if count > 12 {
            // The long-word tokens of `otherWord`, by bytes (its Foundation `contains` on
            // Strings cost more than the rest of the word).
            if let at = trimmed.lastIndex(of: 0x40) {
                out.insert(prefix: prefix + "email:", lowercasing: UnsafeBufferPointer(rebasing: trimmed[(at + 1)...]))
            } else if trimmed.contains(0x2E) {
                out.insert(prefix: prefix + "w:", lowercasing: UnsafeBufferPointer(rebasing: trimmed.prefix(30)))
            } else {
                let first = trimmed[0]
                out.insert(prefix + "skip:" + String(UnicodeScalar(first >= 0x41 && first <= 0x5A ? first | 0x20 : first)) + "\(count / 10 * 10)")
            }
            return
        }
        if count < 3, !trimmed.contains(0x24), !trimmed.contains(0x21) { return }
        out.insert(prefix: prefix, lowercasing: trimmed)
        if keepCase, trimmed.contains(where: { $0 >= 0x41 && $0 <= 0x5A }), count >= 3 {
            out.insert(prefix + "c:" + String(decoding: trimmed, as: UTF8.self))
        }
    }

    /// 64-bit FNV-1a: stable across runs and platforms (the stored model depends on it).
    public static func hash(_ token: String) -> UInt64 {
        hash(token.utf8, continuing: fnvBasis)
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a of `bytes` after the bytes that gave `h`: hash(a + b) = hash(b, continuing: hash(a)).
    @inline(__always)
    static func hash<S: Sequence<UInt8>>(_ bytes: S, continuing h: UInt64) -> UInt64 {
        var h = h
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}
