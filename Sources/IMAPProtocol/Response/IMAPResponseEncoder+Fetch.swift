/// FETCH items and ENVELOPE (RFC 3501 §7.4.2).
extension IMAPResponseEncoder {
    static func writeFetchItem(_ item: IMAPFetchResponseItem, to out: inout IMAPOutput) {
        switch item {
        case .uid: out.write("UID ")
        case .flags: out.write("FLAGS ")
        case .internalDate: out.write("INTERNALDATE ")
        case .rfc822Size: out.write("RFC822.SIZE ")
        case .envelope: out.write("ENVELOPE ")
        case .body: out.write("BODY ")
        case .bodyStructure: out.write("BODYSTRUCTURE ")
        case .modSeq: out.write("MODSEQ ")
        case .bodySection(let section, let origin, _):
            out.write("BODY[\(section)]")
            if let origin { out.write("<\(origin)>") }
            out.write(" ")
        case .binary(let part, let origin, _):
            out.write("BINARY[\(part.map(String.init).joined(separator: "."))]")
            if let origin { out.write("<\(origin)>") }
            out.write(" ")
        case .binarySize(let part, _):
            out.write("BINARY.SIZE[\(part.map(String.init).joined(separator: "."))] ")
        case .rfc822: out.write("RFC822 ")
        case .rfc822Header: out.write("RFC822.HEADER ")
        case .rfc822Text: out.write("RFC822.TEXT ")
        case .preEncoded(let name, _): out.write(name + " ")
        }
        writeFetchItemValue(item, to: &out)
    }

    static func writeFetchItemValue(_ item: IMAPFetchResponseItem, to out: inout IMAPOutput) {
        switch item {
        case .uid(let n): out.write(number: n)
        case .flags(let flags): out.writeFlags(flags)
        case .internalDate(let date): out.write("\"\(date)\"")
        case .rfc822Size(let n): out.write(number: n)
        case .envelope(let envelope): writeEnvelope(envelope, to: &out)
        case .body(let body): writeBody(body, extended: false, to: &out)
        case .bodyStructure(let body): writeBody(body, extended: true, to: &out)
        case .modSeq(let n): out.write("(\(n))")
        case .bodySection(_, _, let data), .rfc822(let data), .rfc822Header(let data), .rfc822Text(let data):
            out.writeSectionData(data, allowBinary: false)
        case .binary(_, _, let data): out.writeSectionData(data, allowBinary: true)
        case .binarySize(_, let n): out.write(number: n)
        case .preEncoded(_, let value): out.write(bytes: value)
        }
    }

    static func writeEnvelope(_ e: IMAPEnvelope, to out: inout IMAPOutput) {
        out.write("(")
        out.writeNString(e.date)
        out.write(" ")
        out.writeNString(e.subject)
        for list in [e.from, e.sender, e.replyTo, e.to, e.cc, e.bcc] {
            out.write(" ")
            writeAddresses(list, to: &out)
        }
        out.write(" ")
        out.writeNString(e.inReplyTo)
        out.write(" ")
        out.writeNString(e.messageID)
        out.write(")")
    }

    static func writeAddresses(_ list: [IMAPAddress], to out: inout IMAPOutput) {
        guard !list.isEmpty else { return out.writeNIL() }
        out.write("(")
        for a in list {
            out.write("(")
            out.writeNString(a.name)
            out.write(" ")
            out.writeNString(a.adl)
            out.write(" ")
            out.writeNString(a.mailbox)
            out.write(" ")
            out.writeNString(a.host)
            out.write(")")
        }
        out.write(")")
    }
}
