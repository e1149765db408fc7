/// Turns responses into bytes (RFC 3501 §7, §9). Every line ends with CRLF; strings are
/// written as atoms, quoted strings or literals as their content requires.
public enum IMAPResponseEncoder {
    /// The response as one byte array.
    public static func encode(_ response: IMAPResponse) -> [UInt8] {
        encodeChunks(response).bytes
    }

    /// The response as chunks; message data is referenced, not copied.
    public static func encodeChunks(_ response: IMAPResponse) -> IMAPOutput {
        var out = IMAPOutput()
        write(response, to: &out)
        return out
    }

    /// Appends a response to `out`.
    public static func write(_ response: IMAPResponse, to out: inout IMAPOutput) {
        switch response {
        case .tagged(let tag, let status, let code, let text):
            out.write(tag)
            out.write(" " + status.rawValue + " ")
            writeCodeAndText(code, text, to: &out)
        case .untagged(let data):
            out.write("* ")
            writeUntagged(data, to: &out)
        case .continuation(let text):
            out.write("+ ")
            out.writeText(text)
        case .continuationData(let data):
            out.write("+ ")
            out.write(bytes: Base64.encode(data))
        }
        out.write("\r\n")
    }

    /// The encoded value of an ENVELOPE or BODY/BODYSTRUCTURE, for a store to cache and
    /// hand back as `IMAPFetchResponseItem.preEncoded`.
    public static func encodedValue(of item: IMAPFetchResponseItem) -> [UInt8] {
        var out = IMAPOutput()
        writeFetchItemValue(item, to: &out)
        return out.bytes
    }

    // MARK: Conditions

    static func writeCodeAndText(_ code: IMAPResponseCode?, _ text: String, to out: inout IMAPOutput) {
        if let code {
            out.write("[")
            writeCode(code, to: &out)
            out.write("] ")
        }
        out.writeText(text)
    }

    static func writeCode(_ code: IMAPResponseCode, to out: inout IMAPOutput) {
        switch code {
        case .alert: out.write("ALERT")
        case .badCharset(let charsets):
            out.write("BADCHARSET")
            if !charsets.isEmpty {
                out.write(" ")
                out.writeList(charsets) { o, c in o.writeAString(c) }
            }
        case .capability(let caps):
            out.write("CAPABILITY")
            for cap in caps { out.write(" " + cap) }
        case .parse: out.write("PARSE")
        case .permanentFlags(let flags, let allowsNew):
            out.write("PERMANENTFLAGS ")
            var list = IMAPOutput()
            list.writeFlags(flags)
            var bytes = list.bytes
            if allowsNew {
                bytes.removeLast()
                if bytes.count > 1 { bytes.append(IMAPCharacterClass.space) }
                bytes.append(contentsOf: Array("\\*)".utf8))
            }
            out.write(bytes: bytes)
        case .readOnly: out.write("READ-ONLY")
        case .readWrite: out.write("READ-WRITE")
        case .tryCreate: out.write("TRYCREATE")
        case .uidNext(let n): out.write("UIDNEXT \(n)")
        case .uidValidity(let n): out.write("UIDVALIDITY \(n)")
        case .unseen(let n): out.write("UNSEEN \(n)")
        case .appendUID(let validity, let uids): out.write("APPENDUID \(validity) \(uids)")
        case .copyUID(let validity, let source, let destination): out.write("COPYUID \(validity) \(source) \(destination)")
        case .uidNotSticky: out.write("UIDNOTSTICKY")
        case .highestModSeq(let n): out.write("HIGHESTMODSEQ \(n)")
        case .noModSeq: out.write("NOMODSEQ")
        case .modified(let set): out.write("MODIFIED \(set)")
        case .closed: out.write("CLOSED")
        case .tooBig: out.write("TOOBIG")
        case .overQuota: out.write("OVERQUOTA")
        case .limit: out.write("LIMIT")
        case .nonexistent: out.write("NONEXISTENT")
        case .alreadyExists: out.write("ALREADYEXISTS")
        case .noPerm: out.write("NOPERM")
        case .inUse: out.write("INUSE")
        case .cannot: out.write("CANNOT")
        case .serverBug: out.write("SERVERBUG")
        case .clientBug: out.write("CLIENTBUG")
        case .authenticationFailed: out.write("AUTHENTICATIONFAILED")
        case .authorizationFailed: out.write("AUTHORIZATIONFAILED")
        case .expired: out.write("EXPIRED")
        case .privacyRequired: out.write("PRIVACYREQUIRED")
        case .contactAdmin: out.write("CONTACTADMIN")
        case .unavailable: out.write("UNAVAILABLE")
        case .expungeIssued: out.write("EXPUNGEISSUED")
        case .corruption: out.write("CORRUPTION")
        case .hasChildren: out.write("HASCHILDREN")
        case .useAttribute: out.write("USEATTR")
        case .unknownCTE: out.write("UNKNOWN-CTE")
        case .other(let atom, let text):
            let safeAtom = atom.utf8.filter(IMAPCharacterClass.isAtomChar)
            out.write(bytes: safeAtom.isEmpty ? Array("X".utf8) : safeAtom)
            if let text {
                let safe = text.utf8.filter { $0 >= 0x20 && $0 < 0x7F && $0 != IMAPCharacterClass.closeBracket }
                if !safe.isEmpty {
                    out.write(" ")
                    out.write(bytes: safe)
                }
            }
        }
    }

    // MARK: Untagged data

    static func writeUntagged(_ data: IMAPUntaggedResponse, to out: inout IMAPOutput) {
        switch data {
        case .condition(let status, let code, let text):
            out.write(status.rawValue + " ")
            writeCodeAndText(code, text, to: &out)
        case .capability(let caps):
            out.write("CAPABILITY")
            for cap in caps { out.write(" " + cap) }
        case .list(let item):
            out.write("LIST ")
            writeListItem(item, to: &out)
        case .lsub(let item):
            out.write("LSUB ")
            writeListItem(item, to: &out)
        case .status(let mailbox, let values):
            out.write("STATUS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeList(values) { o, v in
                o.write(v.attribute.rawValue + " ")
                if let n = v.value { o.write(number: n) } else { o.writeNIL() }
            }
        case .flags(let flags):
            out.write("FLAGS ")
            out.writeFlags(flags)
        case .exists(let n): out.write("\(n) EXISTS")
        case .recent(let n): out.write("\(n) RECENT")
        case .expunge(let n): out.write("\(n) EXPUNGE")
        case .vanished(let uids, let earlier):
            out.write(earlier ? "VANISHED (EARLIER) " : "VANISHED ")
            out.write(uids.description)
        case .fetch(let n, let items):
            out.write("\(n) FETCH ")
            out.writeList(items) { o, item in writeFetchItem(item, to: &o) }
        case .search(let numbers, let modSeq):
            out.write("SEARCH")
            writeNumbers(numbers, modSeq: modSeq, to: &out)
        case .sort(let numbers, let modSeq):
            out.write("SORT")
            writeNumbers(numbers, modSeq: modSeq, to: &out)
        case .esearch(let e):
            writeESearch(e, to: &out)
        case .namespace(let ns):
            out.write("NAMESPACE ")
            writeNamespaces(ns.personal, to: &out)
            out.write(" ")
            writeNamespaces(ns.otherUsers, to: &out)
            out.write(" ")
            writeNamespaces(ns.shared, to: &out)
        case .id(let fields):
            out.write("ID ")
            if let fields, !fields.isEmpty {
                out.writeList(fields) { o, f in
                    o.writeString(f.key)
                    o.write(" ")
                    o.writeNString(f.value)
                }
            } else {
                out.writeNIL()
            }
        case .enabled(let caps):
            out.write("ENABLED")
            for cap in caps { out.write(" " + cap) }
        case .acl(let mailbox, let entries):
            out.write("ACL ")
            out.writeMailbox(mailbox)
            for entry in entries {
                out.write(" ")
                out.writeAString(entry.identifier)
                out.write(" ")
                out.writeAString(entry.rights)
            }
        case .listRights(let mailbox, let identifier, let required, let optional):
            out.write("LISTRIGHTS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeAString(identifier)
            out.write(" ")
            // An empty required set is sent as "" (RFC 4314 §3.7).
            out.writeAString(required)
            for rights in optional {
                out.write(" ")
                out.writeAString(rights)
            }
        case .myRights(let mailbox, let rights):
            out.write("MYRIGHTS ")
            out.writeMailbox(mailbox)
            out.write(" ")
            out.writeAString(rights)
        case .quota(let root, let resources):
            out.write("QUOTA ")
            out.writeAString(root)
            out.write(" ")
            out.writeList(resources) { o, r in o.write("\(r.name) \(r.usage) \(r.limit)") }
        case .quotaRoot(let mailbox, let roots):
            out.write("QUOTAROOT ")
            out.writeMailbox(mailbox)
            for root in roots {
                out.write(" ")
                out.writeAString(root)
            }
        }
    }

    static func writeNumbers(_ numbers: [UInt32], modSeq: UInt64?, to out: inout IMAPOutput) {
        for n in numbers { out.write(" \(n)") }
        if let modSeq, !numbers.isEmpty { out.write(" (MODSEQ \(modSeq))") }
    }

    static func writeESearch(_ e: IMAPESearchResponse, to out: inout IMAPOutput) {
        out.write("ESEARCH")
        if let tag = e.tag {
            out.write(" (TAG ")
            out.writeString(tag)
            out.write(")")
        }
        if e.byUID { out.write(" UID") }
        if let n = e.min { out.write(" MIN \(n)") }
        if let n = e.max { out.write(" MAX \(n)") }
        if let all = e.all, !all.isEmpty { out.write(" ALL \(all)") }
        if let n = e.count { out.write(" COUNT \(n)") }
        if let n = e.modSeq { out.write(" MODSEQ \(n)") }
    }

    static func writeListItem(_ item: IMAPListItem, to out: inout IMAPOutput) {
        out.writeList(item.attributes.filter { IMAPFlag.parse(Array($0.utf8)) != nil }) { o, a in o.write(a) }
        out.write(" ")
        out.writeDelimiter(item.delimiter)
        out.write(" ")
        out.writeMailbox(item.name)
        var extended: [(String, (inout IMAPOutput) -> Void)] = []
        if let info = item.childInfo {
            extended.append(("CHILDINFO", { o in o.writeList(info) { o2, s in o2.writeString(s) } }))
        }
        if let old = item.oldName {
            extended.append(("OLDNAME", { o in o.writeList([old]) { o2, n in o2.writeMailbox(n) } }))
        }
        if !extended.isEmpty {
            out.write(" ")
            out.writeList(extended) { o, entry in
                o.writeString(entry.0)
                o.write(" ")
                entry.1(&o)
            }
        }
    }

    static func writeNamespaces(_ list: [IMAPNamespace], to out: inout IMAPOutput) {
        guard !list.isEmpty else { return out.writeNIL() }
        // RFC 2342 §5: the descriptors follow each other without spaces.
        out.write("(")
        for ns in list {
            out.write("(")
            out.writeString(ns.prefix)
            out.write(" ")
            out.writeDelimiter(ns.delimiter)
            out.write(")")
        }
        out.write(")")
    }

    // MARK: FETCH

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

    static func writeBody(_ body: IMAPBodyStructure, extended: Bool, to out: inout IMAPOutput) {
        switch body {
        case .singlePart(let part):
            out.write("(")
            out.writeString(part.type)
            out.write(" ")
            out.writeString(part.subtype)
            out.write(" ")
            writeParameters(part.parameters, to: &out)
            out.write(" ")
            out.writeNString(part.contentID)
            out.write(" ")
            out.writeNString(part.contentDescription)
            out.write(" ")
            out.writeString(part.encoding)
            out.write(" \(part.size)")
            switch part.kind {
            case .basic: break
            case .text(let lines): out.write(" \(lines)")
            case .message(let envelope, let inner, let lines):
                out.write(" ")
                writeEnvelope(envelope, to: &out)
                out.write(" ")
                writeBody(inner, extended: extended, to: &out)
                out.write(" \(lines)")
            }
            if extended {
                out.write(" ")
                out.writeNString(part.md5)
                writeExtension(part.extensionData, to: &out)
            }
            out.write(")")
        case .multipart(let multipart):
            out.write("(")
            for inner in multipart.parts { writeBody(inner, extended: extended, to: &out) }
            out.write(" ")
            out.writeString(multipart.subtype)
            if extended {
                out.write(" ")
                writeParameters(multipart.parameters, to: &out)
                writeExtension(multipart.extensionData, to: &out)
            }
            out.write(")")
        }
    }

    /// ` disposition language location`.
    static func writeExtension(_ ext: IMAPBodyExtension, to out: inout IMAPOutput) {
        out.write(" ")
        if let d = ext.disposition {
            out.write("(")
            out.writeString(d.type)
            out.write(" ")
            writeParameters(d.parameters, to: &out)
            out.write(")")
        } else {
            out.writeNIL()
        }
        out.write(" ")
        if let languages = ext.language, !languages.isEmpty {
            if languages.count == 1 {
                out.writeString(languages[0])
            } else {
                out.writeList(languages) { o, l in o.writeString(l) }
            }
        } else {
            out.writeNIL()
        }
        out.write(" ")
        out.writeNString(ext.location)
    }

    static func writeParameters(_ parameters: [IMAPBodyParameter], to out: inout IMAPOutput) {
        guard !parameters.isEmpty else { return out.writeNIL() }
        out.writeList(parameters) { o, p in
            o.writeString(p.name)
            o.write(" ")
            o.writeString(p.value)
        }
    }
}
