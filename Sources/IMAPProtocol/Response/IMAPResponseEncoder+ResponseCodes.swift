/// Response codes (`[…]`, RFC 3501 §7.1 and the extensions).
extension IMAPResponseEncoder {
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
}
