/// Parses one complete server response as `MailConnection.readIMAPResponse` frames it: the
/// line without its final CRLF, literals inline.
public enum IMAPClientResponseParser {
    public static func parse(_ bytes: [UInt8]) throws(IMAPClientParseError) -> IMAPClientResponse {
        var cursor = IMAPClientResponseCursor(bytes)
        if cursor.skip(UInt8(ascii: "+")) {
            cursor.skipSpaces()
            return .continuation(cursor.rest())
        }
        if cursor.skip(UInt8(ascii: "*")) {
            try cursor.expect(0x20)
            return .untagged(try untagged(&cursor))
        }
        let tag = try cursor.atom(stoppingAtBracket: false)
        try cursor.expect(0x20)
        guard let status = try statusResponse(&cursor) else {
            throw IMAPClientParseError("tagged response without OK/NO/BAD")
        }
        return .tagged(tag: tag, status)
    }

    /// `OK/NO/BAD/PREAUTH/BYE [code] text`, or nil (cursor unmoved) if the next word is not one.
    static func statusResponse(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> IMAPClientStatus? {
        let start = cursor.position
        guard let word = try? cursor.atom(), let kind = IMAPClientStatus.Kind(rawValue: word.uppercased()) else {
            cursor.position = start
            return nil
        }
        cursor.skipSpaces()
        var code: IMAPClientResponseCode?
        if cursor.peek() == UInt8(ascii: "[") {
            code = try responseCode(&cursor)
            cursor.skipSpaces()
        }
        return IMAPClientStatus(kind: kind, code: code, text: cursor.rest())
    }

    static func responseCode(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> IMAPClientResponseCode {
        try cursor.expect(UInt8(ascii: "["))
        let name = try cursor.atom().uppercased()
        func argumentText(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> String {
            cursor.skipSpaces()
            let start = cursor.position
            while let b = cursor.peek(), b != UInt8(ascii: "]") { cursor.position += 1 }
            let text = String(decoding: cursor.bytes[start..<cursor.position], as: UTF8.self)
            try cursor.expect(UInt8(ascii: "]"))
            return text
        }
        switch name {
        case "UIDVALIDITY", "UIDNEXT":
            try cursor.expect(0x20)
            let value = try cursor.number32()
            try cursor.expect(UInt8(ascii: "]"))
            return name == "UIDNEXT" ? .uidNext(value) : .uidValidity(value)
        case "HIGHESTMODSEQ":
            try cursor.expect(0x20)
            let value = try cursor.number()
            try cursor.expect(UInt8(ascii: "]"))
            return .highestModSeq(value)
        case "APPENDUID":
            try cursor.expect(0x20)
            let validity = try cursor.number32()
            try cursor.expect(0x20)
            let uid = try cursor.number32()
            try cursor.expect(UInt8(ascii: "]"))
            return .appendUID(uidValidity: validity, uid: uid)
        case "COPYUID":
            let words = try argumentText(&cursor).split(separator: " ").map(String.init)
            guard words.count == 3, let validity = UInt32(words[0]) else { throw IMAPClientParseError("bad COPYUID") }
            return .copyUID(uidValidity: validity, source: words[1], destination: words[2])
        case "PERMANENTFLAGS":
            try cursor.expect(0x20)
            let flags = try cursor.atomList()
            try cursor.expect(UInt8(ascii: "]"))
            return .permanentFlags(flags)
        case "CAPABILITY":
            return .capability(try argumentText(&cursor).split(separator: " ").map(String.init))
        case "READ-ONLY":
            try cursor.expect(UInt8(ascii: "]"))
            return .readOnly
        case "READ-WRITE":
            try cursor.expect(UInt8(ascii: "]"))
            return .readWrite
        default:
            return .other(name: name, text: try argumentText(&cursor))
        }
    }

    static func untagged(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> IMAPClientUntagged {
        if let status = try statusResponse(&cursor) {
            return .status(status)
        }
        if let first = cursor.peek(), first >= 48, first <= 57 {
            let number = try cursor.number32()
            try cursor.expect(0x20)
            let word = try cursor.atom().uppercased()
            switch word {
            case "EXISTS": return .exists(number)
            case "RECENT": return .recent(number)
            case "EXPUNGE": return .expunge(number)
            case "FETCH":
                try cursor.expect(0x20)
                return .fetch(try fetch(&cursor, sequenceNumber: number))
            default:
                return .other(name: word, text: "\(number) \(cursor.rest())")
            }
        }
        let name = try cursor.atom().uppercased()
        switch name {
        case "CAPABILITY":
            cursor.skipSpaces()
            return .capability(cursor.rest().split(separator: " ").map(String.init))
        case "LIST", "LSUB":
            try cursor.expect(0x20)
            let entry = try listEntry(&cursor)
            return name == "LIST" ? .list(entry) : .lsub(entry)
        case "FLAGS":
            cursor.skipSpaces()
            return .flags(try cursor.atomList())
        case "SEARCH":
            var uids: [UInt32] = []
            while cursor.skip(0x20) {
                if cursor.peek() == UInt8(ascii: "(") { break }  // (MODSEQ n), RFC 7162
                uids.append(try cursor.number32())
            }
            return .search(uids)
        case "STATUS":
            try cursor.expect(0x20)
            let mailbox = String(decoding: try cursor.astring(), as: UTF8.self)
            cursor.skipSpaces()
            let words = try cursor.atomList()
            var items: [String: UInt64] = [:]
            var index = 0
            while index + 1 < words.count {
                if let value = UInt64(words[index + 1]) { items[words[index].uppercased()] = value }
                index += 2
            }
            return .mailboxStatus(mailbox: mailbox, items: items)
        case "NAMESPACE":
            try cursor.expect(0x20)
            return .namespace(personal: try namespaces(&cursor))
        default:
            cursor.skipSpaces()
            return .other(name: name, text: cursor.rest())
        }
    }

    static func listEntry(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> IMAPClientListEntry {
        let attributes = try cursor.atomList()
        try cursor.expect(0x20)
        let delimiter = try cursor.nstring().map { String(decoding: $0, as: UTF8.self) }
        try cursor.expect(0x20)
        let name = String(decoding: try cursor.astring(), as: UTF8.self)
        return IMAPClientListEntry(attributes: attributes, delimiter: delimiter, name: name)
    }

    /// The first of the three namespace lists (personal, RFC 2342 §5).
    static func namespaces(_ cursor: inout IMAPClientResponseCursor) throws(IMAPClientParseError) -> [IMAPClientNamespace] {
        guard cursor.skip(UInt8(ascii: "(")) else {
            _ = try cursor.atom()  // NIL
            return []
        }
        var result: [IMAPClientNamespace] = []
        while true {
            cursor.skipSpaces()
            if cursor.skip(UInt8(ascii: ")")) { return result }
            try cursor.expect(UInt8(ascii: "("))
            let prefix = String(decoding: try cursor.astring(), as: UTF8.self)
            try cursor.expect(0x20)
            let delimiter = try cursor.nstring().map { String(decoding: $0, as: UTF8.self) }
            // Namespace extensions, if any, up to the closing parenthesis.
            while !cursor.isAtEnd, cursor.peek() != UInt8(ascii: ")") {
                cursor.skipSpaces()
                if cursor.peek() == UInt8(ascii: ")") { break }
                try cursor.skipValue()
            }
            try cursor.expect(UInt8(ascii: ")"))
            result.append(IMAPClientNamespace(prefix: prefix, delimiter: delimiter))
        }
    }

    static func fetch(_ cursor: inout IMAPClientResponseCursor, sequenceNumber: UInt32) throws(IMAPClientParseError) -> IMAPClientFetch {
        var fetch = IMAPClientFetch(sequenceNumber: sequenceNumber)
        try cursor.expect(UInt8(ascii: "("))
        while true {
            cursor.skipSpaces()
            if cursor.skip(UInt8(ascii: ")")) { return fetch }
            guard !cursor.isAtEnd else { throw IMAPClientParseError("unterminated FETCH") }
            let name = try cursor.atom().uppercased()
            switch name {
            case "UID":
                try cursor.expect(0x20)
                fetch.uid = try cursor.number32()
            case "FLAGS":
                try cursor.expect(0x20)
                fetch.flags = try cursor.atomList()
            case "INTERNALDATE":
                try cursor.expect(0x20)
                guard let text = try cursor.nstring(), let date = IMAPDateTime.parse(text) else {
                    throw IMAPClientParseError("bad INTERNALDATE")
                }
                fetch.internalDate = date
            case "RFC822.SIZE":
                try cursor.expect(0x20)
                fetch.size = try cursor.number()
            case "MODSEQ":
                try cursor.expect(0x20)
                try cursor.expect(UInt8(ascii: "("))
                fetch.modSeq = try cursor.number()
                try cursor.expect(UInt8(ascii: ")"))
            case "RFC822", "RFC822.HEADER", "RFC822.TEXT":
                try cursor.expect(0x20)
                let section = name == "RFC822" ? "" : String(name.dropFirst("RFC822.".count))
                fetch.sections[section] = try cursor.nstring() ?? []
            case "BODY", "BINARY":
                guard cursor.peek() == UInt8(ascii: "[") else {
                    try cursor.expect(0x20)
                    try cursor.skipValue()  // BODY (structure)
                    continue
                }
                cursor.position += 1
                let start = cursor.position
                while let b = cursor.peek(), b != UInt8(ascii: "]") { cursor.position += 1 }
                let section = String(decoding: cursor.bytes[start..<cursor.position], as: UTF8.self)
                try cursor.expect(UInt8(ascii: "]"))
                if cursor.skip(UInt8(ascii: "<")) {  // partial origin
                    _ = try cursor.number()
                    try cursor.expect(UInt8(ascii: ">"))
                }
                try cursor.expect(0x20)
                fetch.sections[section] = try cursor.nstring() ?? []
            default:
                try cursor.expect(0x20)
                try cursor.skipValue()
            }
        }
    }
}
