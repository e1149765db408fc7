/// BODY and BODYSTRUCTURE (RFC 3501 §7.4.2, §9 `body`).
extension IMAPResponseEncoder {
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
