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
    /// printable ASCII without SP and colon, RFC 5322 §3.6.8, possibly followed by
    /// blanks before the colon, obsolete syntax of §4.5), a folded continuation (starts
    /// with WSP), or an mbox `From ` envelope line.
    func isHeaderLine(_ line: SourceLine) -> Bool {
        let s = line.start
        guard s < line.contentEnd else { return false }
        if ASCIIByte.isWSP(source[s]) { return true }
        if line.contentEnd - s >= 5, source[s..<(s + 5)].elementsEqual("From ".utf8) { return true }
        return colonAfterFieldName(line) != nil
    }

    /// The colon that ends the field name of `line`, or nil when the line does not
    /// start with `ftext* WSP* ":"`.
    func colonAfterFieldName(_ line: SourceLine) -> Int? {
        var i = line.start
        while i < line.contentEnd, source[i] >= 0x21, source[i] <= 0x7E, source[i] != ASCIIByte.colon { i += 1 }
        let nameEnd = i
        while i < line.contentEnd, ASCIIByte.isWSP(source[i]) { i += 1 }
        guard i < line.contentEnd, source[i] == ASCIIByte.colon, nameEnd > line.start || i == line.start else { return nil }
        return i
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
        var fieldNameEnd = 0
        var colon = 0
        var lastLine = SourceLine(start: start, contentEnd: start, end: start)
        func finishField() {
            guard let s = fieldStart else { return }
            fields.append(HeaderField(name: String(decoding: source[s..<fieldNameEnd], as: UTF8.self),
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
            // ":value" has no name and is dropped.
            guard let c = colonAfterFieldName(line), c > line.start else { continue }
            var nameEnd = c
            while nameEnd > line.start, ASCIIByte.isWSP(source[nameEnd - 1]) { nameEnd -= 1 }
            fieldStart = line.start
            fieldNameEnd = nameEnd
            colon = c
            lastLine = line
        }
        finishField()
        return HeaderSection(fields: fields, bodyStart: bodyStart, missingSeparator: missingSeparator)
    }
}
