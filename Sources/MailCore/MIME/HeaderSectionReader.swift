/// Reads the header section of an entity (RFC 5322 §2.2, §3.5) from a line iterator
/// that stops at enclosing multipart delimiters.
struct HeaderSection {
    var fields: [HeaderField]
    /// Where the body starts: after the blank line, or at the first line that is not a
    /// header field when the blank line is missing.
    var bodyStart: Int
    var missingSeparator: Bool
}

extension MIMETreeParser {
    /// A line that belongs to a header section: a field (`name:`, the name being
    /// printable ASCII without SP and colon, RFC 5322 §3.6.8), a folded continuation
    /// (starts with WSP), or an mbox `From ` envelope line.
    func isHeaderLine(_ line: SourceLine) -> Bool {
        let s = line.start
        guard s < line.contentEnd else { return false }
        if ASCIIByte.isWSP(source[s]) { return true }
        if line.contentEnd - s >= 5, source[s..<(s + 5)].elementsEqual("From ".utf8) { return true }
        var i = s
        while i < line.contentEnd {
            let b = source[i]
            if b == ASCIIByte.colon { return true }
            guard b >= 0x21, b <= 0x7E else { return false }
            i += 1
        }
        return false
    }

    func readHeaderSection(at start: Int) -> HeaderSection {
        var lines: [SourceLine] = []
        var pos = start
        var bodyStart = source.count
        var missingSeparator = false
        while pos < source.count {
            let line = SourceLine(in: source, at: pos)
            if isEnclosingDelimiter(line) {
                bodyStart = pos
                break
            }
            if line.isBlank {
                bodyStart = line.end
                break
            }
            guard isHeaderLine(line) else {
                bodyStart = pos
                missingSeparator = true
                break
            }
            lines.append(line)
            pos = line.end
        }

        var fields: [HeaderField] = []
        var fieldStart: Int?
        var colon = 0
        var lastLine = SourceLine(start: start, contentEnd: start, end: start)
        func finishField() {
            guard let s = fieldStart else { return }
            fields.append(HeaderField(name: String(decoding: source[s..<colon], as: UTF8.self),
                                      rawValue: Array(source[(colon + 1)..<lastLine.contentEnd]),
                                      range: s..<lastLine.end))
            fieldStart = nil
        }
        for (index, line) in lines.enumerated() {
            if ASCIIByte.isWSP(source[line.start]) {
                // A continuation with no field to continue is dropped.
                if fieldStart != nil { lastLine = line }
                continue
            }
            finishField()
            if source[line.start..<min(line.start + 5, line.contentEnd)].elementsEqual("From ".utf8) {
                // mbox envelope line: skipped on the first line; as the last line it is
                // really the start of the body; elsewhere ignored.
                if index > 0, index == lines.count - 1 {
                    bodyStart = line.start
                    missingSeparator = true
                }
                continue
            }
            var c = line.start
            while c < line.contentEnd, source[c] != ASCIIByte.colon { c += 1 }
            if c == line.start || c == line.contentEnd { continue } // ":value" has no name
            fieldStart = line.start
            colon = c
            lastLine = line
        }
        finishField()
        return HeaderSection(fields: fields, bodyStart: bodyStart, missingSeparator: missingSeparator)
    }
}
