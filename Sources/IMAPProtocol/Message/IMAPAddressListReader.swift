import MailCore

/// Turns an address field value into ENVELOPE address structures (RFC 3501 §7.4.2).
///
/// The value is first cut into top-level elements (commas outside quotes, comments and
/// angle brackets) and RFC 2822 groups (`name: …;`), then each element is parsed with
/// MailCore. Two old forms that mail clients still display are kept:
/// - `addr@host (Full Name)`: the comment becomes the personal name when there is no
///   display name;
/// - a bare local part (`MAILER-DAEMON`): host `MISSING_DOMAIN`, since a NIL host would
///   read as a group marker.
enum IMAPAddressListReader {
    static let missingHost = "MISSING_DOMAIN"

    static func addresses(in value: String) -> [IMAPAddress] {
        var result: [IMAPAddress] = []
        for piece in split(Array(value.utf8)) {
            switch piece {
            case .groupStart(let rawName):
                let name = AddressList.parse(String(decoding: rawName, as: UTF8.self) + ":;").first.flatMap { entry -> String? in
                    if case .group(let name, _) = entry { return name }
                    return nil
                } ?? ""
                result.append(.groupStart(name))
            case .groupEnd:
                result.append(.groupEnd)
            case .element(let bytes):
                result.append(contentsOf: addresses(inElement: bytes))
            }
        }
        return result
    }

    enum Piece: Equatable {
        case element([UInt8])
        case groupStart([UInt8])
        case groupEnd
    }

    /// Cuts a value into elements and group markers in one pass.
    static func split(_ v: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        var start = 0
        var inQuote = false, comment = 0, angle = false, inGroup = false
        var i = 0
        func finish(_ end: Int) {
            let element = Array(v[start..<end])
            if element.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) {
                pieces.append(.element(element))
            }
            start = end + 1
        }
        while i < v.count {
            let b = v[i]
            if inQuote {
                if b == 0x5C { i += 1 } else if b == 0x22 { inQuote = false }
            } else if comment > 0 {
                if b == 0x5C { i += 1 } else if b == 0x28 { comment += 1 } else if b == 0x29 { comment -= 1 }
            } else {
                switch b {
                case 0x22: inQuote = true
                case 0x28: comment = 1
                case 0x3C: angle = true
                case 0x3E: angle = false
                case 0x2C where !angle: finish(i)
                case 0x3A where !angle && !inGroup:
                    pieces.append(.groupStart(Array(v[start..<i])))
                    start = i + 1
                    inGroup = true
                case 0x3B where !angle:
                    finish(i)
                    if inGroup {
                        pieces.append(.groupEnd)
                        inGroup = false
                    }
                default: break
                }
            }
            i += 1
        }
        finish(v.count)
        if inGroup { pieces.append(.groupEnd) }
        return pieces
    }

    static func addresses(inElement element: [UInt8]) -> [IMAPAddress] {
        // RFC 3501 §7.4.2: the at-domain-list (source route) of `<@a,@b:user@host>` is the
        // address structure's second field; the address is parsed without it.
        if let (route, rest) = sourceRoute(element) {
            return addresses(inElement: rest).map { address in
                var routed = address
                if routed.host != nil { routed.adl = route }
                return routed
            }
        }
        let text = String(decoding: element, as: UTF8.self)
        let mailboxes = AddressList.mailboxes(in: text)
        let hasAngle = element.contains(0x3C)
        if !mailboxes.isEmpty {
            let comment = hasAngle ? nil : lastComment(element)
            return mailboxes.map { mailbox in
                var address = IMAPAddress(mailbox)
                if address.name == nil, let comment, !comment.isEmpty { address.name = comment }
                return address
            }
        }
        // A local part without domain: `word`, `word (Name)` or `Name <word>`.
        if hasAngle, let open = element.firstIndex(of: 0x3C) {
            let close = element[open...].firstIndex(of: 0x3E) ?? element.endIndex
            guard let local = singleWord(Array(element[(open + 1)..<close])) else { return [] }
            let phrase = unquoted(IMAPEnvelope.trimmed(withoutComments(Array(element[..<open]))))
            return [IMAPAddress(name: phrase.isEmpty ? nil : phrase, mailbox: local, host: Array(missingHost.utf8))]
        }
        guard let local = singleWord(element) else { return [] }
        return [IMAPAddress(name: lastComment(element).flatMap { $0.isEmpty ? nil : $0 }, mailbox: local,
                            host: Array(missingHost.utf8))]
    }

    /// The source route of an angle address (`<@a,@b:user@host>`, RFC 5322 §4.4
    /// obs-route) without its blanks and comments, and the element with the route removed;
    /// nil when the element has none.
    static func sourceRoute(_ element: [UInt8]) -> (route: [UInt8], rest: [UInt8])? {
        var inQuote = false, depth = 0
        var open: Int?
        var i = 0
        while i < element.count, open == nil {
            let b = element[i]
            if inQuote {
                if b == 0x5C { i += 1 } else if b == 0x22 { inQuote = false }
            } else if depth > 0 {
                if b == 0x5C { i += 1 } else if b == 0x28 { depth += 1 } else if b == 0x29 { depth -= 1 }
            } else if b == 0x22 {
                inQuote = true
            } else if b == 0x28 {
                depth = 1
            } else if b == 0x3C {
                open = i
            }
            i += 1
        }
        guard let open else { return nil }
        let close = element[(open + 1)...].firstIndex(of: 0x3E) ?? element.endIndex
        let inside = withoutComments(Array(element[(open + 1)..<close]))
        let trimmed = inside.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard trimmed.first == 0x40, let colon = trimmed.firstIndex(of: 0x3A) else { return nil }
        let route = trimmed[..<colon].filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }
        guard route.count > 1 else { return nil }
        let rest = Array(element[...open]) + Array(trimmed[(colon + 1)...]) + Array(element[close...])
        return (Array(route), rest)
    }

    /// One atom or quoted string without "@" (comments ignored), unquoted.
    static func singleWord(_ bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.contains(0x40) else { return nil }
        let words = withoutComments(bytes).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A })
        guard words.count == 1, let first = words.first else { return nil }
        let word = unquoted(Array(first))
        guard !word.isEmpty, !word.contains(where: { $0 < 0x20 || $0 == 0x2C || $0 == 0x3B || $0 == 0x3A || $0 == 0x3C || $0 == 0x3E }) else {
            return nil
        }
        return word
    }

    /// A quoted-string's content with quoted-pairs resolved; other text as is.
    static func unquoted(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { return bytes }
        var out: [UInt8] = []
        var i = 1
        while i < bytes.count - 1 {
            if bytes[i] == 0x5C, i + 1 < bytes.count - 1 { i += 1 }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// The content of the last top-level comment, unfolded and trimmed.
    static func lastComment(_ v: [UInt8]) -> [UInt8]? {
        var inQuote = false, depth = 0
        var current: [UInt8] = []
        var last: [UInt8]?
        var i = 0
        while i < v.count {
            let b = v[i]
            if inQuote {
                if b == 0x5C { i += 1 } else if b == 0x22 { inQuote = false }
            } else if depth > 0 {
                if b == 0x5C, i + 1 < v.count {
                    current.append(v[i + 1])
                    i += 1
                } else if b == 0x28 {
                    depth += 1
                    current.append(b)
                } else if b == 0x29 {
                    depth -= 1
                    if depth == 0 { last = current } else { current.append(b) }
                } else if b != 0x0D && b != 0x0A {
                    current.append(b)
                }
            } else if b == 0x22 {
                inQuote = true
            } else if b == 0x28 {
                depth = 1
                current = []
            }
            i += 1
        }
        return last.map(IMAPEnvelope.trimmed)
    }

    static func withoutComments(_ v: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var inQuote = false, depth = 0
        var i = 0
        while i < v.count {
            let b = v[i]
            if depth > 0 {
                if b == 0x5C { i += 1 } else if b == 0x28 { depth += 1 } else if b == 0x29 { depth -= 1 }
            } else if inQuote {
                out.append(b)
                if b == 0x5C, i + 1 < v.count {
                    out.append(v[i + 1])
                    i += 1
                } else if b == 0x22 {
                    inQuote = false
                }
            } else if b == 0x28 {
                depth = 1
                out.append(0x20)
            } else {
                if b == 0x22 { inQuote = true }
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
