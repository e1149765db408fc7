extension IMAPCommandParser {
    /// `FETCH SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att /
    /// "(" fetch-att *(SP fetch-att) ")") [SP "(" fetch-modifier *(SP fetch-modifier) ")"]`.
    static func parseFetch(_ c: inout IMAPParseCursor, byUID: Bool) throws(IMAPParseFailure) -> IMAPFetchCommand {
        try c.space()
        let set = try c.sequenceSet()
        try c.space()
        var attributes: [IMAPFetchAttribute]
        if c.peek() == C.openParen {
            attributes = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPFetchAttribute in
                try parseFetchAttribute(&c)
            }
        } else if c.skipWord("ALL") {
            attributes = IMAPFetchAttribute.all
        } else if c.skipWord("FAST") {
            attributes = IMAPFetchAttribute.fast
        } else if c.skipWord("FULL") {
            attributes = IMAPFetchAttribute.full
        } else {
            attributes = [try parseFetchAttribute(&c)]
        }
        guard attributes.count <= 100 else { throw IMAPParseFailure("too many FETCH items") }
        var command = IMAPFetchCommand(sequenceSet: set, attributes: [], byUID: byUID)
        if c.skip(C.space), !c.isAtEnd {
            _ = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> Void in
                let name = try c.keyword()
                switch name {
                case "CHANGEDSINCE":
                    try c.space()
                    command.changedSince = try c.number64()
                case "VANISHED":
                    command.vanished = true
                default:
                    throw IMAPParseFailure("unknown FETCH modifier \(String(name.prefix(40)))")
                }
            }
        }
        try c.end()
        // RFC 7162 §3.2.6: VANISHED only with UID FETCH and CHANGEDSINCE.
        if command.vanished && (!byUID || command.changedSince == nil) {
            throw IMAPParseFailure("VANISHED requires UID FETCH with CHANGEDSINCE")
        }
        if byUID && !attributes.contains(.uid) { attributes.insert(.uid, at: 0) }
        if command.changedSince != nil && !attributes.contains(.modSeq) { attributes.append(.modSeq) }
        var seen = Set<IMAPFetchAttribute>()
        command.attributes = attributes.filter { seen.insert($0).inserted }
        return command
    }

    static func parseFetchAttribute(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPFetchAttribute {
        let name = try c.name()
        switch name {
        case "ENVELOPE": return .envelope
        case "FLAGS": return .flags
        case "INTERNALDATE": return .internalDate
        case "RFC822": return .rfc822
        case "RFC822.HEADER": return .rfc822Header
        case "RFC822.SIZE": return .rfc822Size
        case "RFC822.TEXT": return .rfc822Text
        case "BODYSTRUCTURE": return .bodyStructure
        case "UID": return .uid
        case "MODSEQ": return .modSeq
        case "BODY", "BODY.PEEK":
            guard c.peek() == C.openBracket else {
                if name == "BODY" { return .body }
                throw IMAPParseFailure("BODY.PEEK needs a section")
            }
            let section = try parseSection(&c)
            return .bodySection(section, partial: try parsePartial(&c), peek: name == "BODY.PEEK")
        case "BINARY", "BINARY.PEEK":
            let part = try parseBinarySection(&c)
            return .binary(part: part, partial: try parsePartial(&c), peek: name == "BINARY.PEEK")
        case "BINARY.SIZE":
            return .binarySize(part: try parseBinarySection(&c))
        case "ALL", "FAST", "FULL":
            throw IMAPParseFailure("\(name) cannot be used inside a list")
        default:
            throw IMAPParseFailure("unknown FETCH item \(String(name.prefix(40)))")
        }
    }

    /// `section = "[" [section-spec] "]"`.
    static func parseSection(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPSection {
        try c.expect(C.openBracket, "[")
        var section = IMAPSection()
        if c.skip(C.closeBracket) { return section }
        if let b = c.peek(), C.isDigit(b) {
            section.part = try parsePartNumbers(&c)
            if c.skip(C.closeBracket) { return section }
            try c.expect(C.dot, ". or ] after the part number")
        }
        let text = try c.name()
        switch text {
        case "HEADER": section.text = .header
        case "TEXT": section.text = .text
        case "MIME":
            guard !section.part.isEmpty else { throw IMAPParseFailure("MIME needs a part number") }
            section.text = .mime
        case "HEADER.FIELDS", "HEADER.FIELDS.NOT":
            try c.space()
            let names = try c.parenthesized(allowEmpty: false) { (c: inout IMAPParseCursor) throws(IMAPParseFailure) -> String in
                let field = try c.astring()
                // RFC 5322 field names: printable ASCII without ":".
                guard !field.isEmpty, field.count <= 200, field.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != C.colon }) else {
                    throw IMAPParseFailure("invalid header field name")
                }
                return String(decoding: field, as: UTF8.self)
            }
            guard names.count <= 500 else { throw IMAPParseFailure("too many header fields") }
            section.text = text == "HEADER.FIELDS" ? .headerFields(names) : .headerFieldsNot(names)
        default:
            throw IMAPParseFailure("unknown section \(String(text.prefix(40)))")
        }
        try c.expect(C.closeBracket, "] closing the section")
        return section
    }

    /// `section-binary = "[" [section-part] "]"` (RFC 3516 §6).
    static func parseBinarySection(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> [UInt32] {
        try c.expect(C.openBracket, "[")
        if c.skip(C.closeBracket) { return [] }
        let part = try parsePartNumbers(&c)
        try c.expect(C.closeBracket, "] closing the section")
        return part
    }

    /// `section-part = nz-number *("." nz-number)`; stops before "." followed by a letter.
    static func parsePartNumbers(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> [UInt32] {
        var numbers = [try c.nzNumber32()]
        while c.peek() == C.dot, let next = c.peek(offset: 1), C.isDigit(next) {
            c.position += 1
            numbers.append(try c.nzNumber32())
            guard numbers.count <= 100 else { throw IMAPParseFailure("part number too deep") }
        }
        return numbers
    }

    /// `["<" number "." nz-number ">"]`.
    static func parsePartial(_ c: inout IMAPParseCursor) throws(IMAPParseFailure) -> IMAPPartial? {
        guard c.skip(C.openAngle) else { return nil }
        let offset = try c.number32()
        try c.expect(C.dot, ". in the partial range")
        let length = try c.nzNumber32()
        try c.expect(C.closeAngle, "> closing the partial range")
        return IMAPPartial(offset: offset, length: length)
    }
}
