/// Builds the MIME entity tree of a message in one forward pass over the bytes.
///
/// Bodies are delimited by line scanning only: a line is a delimiter when it is
/// `--boundary`, optionally followed by `--` (close delimiter) and blanks (RFC 2046
/// §5.1.1), for this multipart *or any enclosing one* (§5.1.2: an outer delimiter ends
/// every inner part). Every line is read a bounded number of times and the delimiter
/// test is a hash lookup whatever the nesting, so time is linear in the input;
/// recursion is bounded by `maximumDepth` and the number of entities by `maximumParts`.
final class MIMETreeParser {
    let source: [UInt8]
    private let limits: MIMEParserLimits
    /// "--boundary" of every enclosing multipart whose body is being read (with a count,
    /// as nested multiparts may reuse a boundary), and how many have each length.
    private var activeDelimiters: [[UInt8]: Int] = [:]
    private var activeLengths: [Int: Int] = [:]
    private var entityCount = 0

    /// Where an entity's content stopped.
    enum Stop {
        case endOfInput
        /// At the delimiter line starting at this offset.
        case delimiter(Int)
    }

    init(source: [UInt8], limits: MIMEParserLimits) {
        self.source = source
        self.limits = limits
    }

    func parseMessage() -> MIMEPart {
        parseEntity(at: 0, partNumber: "", isMessage: true, defaultType: .textPlain, depth: 0).part
    }

    // MARK: Delimiters

    /// Whether `line` is a delimiter for `delimiter` ("--boundary"); true when it is the
    /// close delimiter. Blanks after it are transport padding (RFC 2046 §5.1.1).
    func matchDelimiter(_ line: SourceLine, _ delimiter: [UInt8]) -> Bool? {
        guard line.contentEnd - line.start >= delimiter.count else { return nil }
        var p = line.start
        for b in delimiter {
            guard source[p] == b else { return nil }
            p += 1
        }
        var isClose = false
        if line.contentEnd - p >= 2, source[p] == ASCIIByte.hyphen, source[p + 1] == ASCIIByte.hyphen {
            isClose = true
            p += 2
        }
        while p < line.contentEnd {
            guard ASCIIByte.isWSP(source[p]) else { return nil }
            p += 1
        }
        return isClose
    }

    /// Whether `line` is a delimiter of any multipart currently being read. A hash
    /// lookup of the line without its padding (and without a trailing "--"), so the cost
    /// does not grow with the nesting depth.
    func isEnclosingDelimiter(_ line: SourceLine) -> Bool {
        guard !activeDelimiters.isEmpty, line.contentEnd - line.start >= 2,
              source[line.start] == ASCIIByte.hyphen, source[line.start + 1] == ASCIIByte.hyphen else { return false }
        var core = line.contentEnd
        while core > line.start, ASCIIByte.isWSP(source[core - 1]) { core -= 1 }
        let length = core - line.start
        if activeLengths[length] != nil, activeDelimiters[Array(source[line.start..<core])] != nil { return true }
        if length >= 4, source[core - 1] == ASCIIByte.hyphen, source[core - 2] == ASCIIByte.hyphen,
           activeLengths[length - 2] != nil, activeDelimiters[Array(source[line.start..<(core - 2)])] != nil {
            return true
        }
        return false
    }

    private func activate(_ delimiter: [UInt8]) {
        activeDelimiters[delimiter, default: 0] += 1
        activeLengths[delimiter.count, default: 0] += 1
    }

    private func deactivate(_ delimiter: [UInt8]) {
        let remaining = (activeDelimiters[delimiter] ?? 1) - 1
        activeDelimiters[delimiter] = remaining > 0 ? remaining : nil
        let sameLength = (activeLengths[delimiter.count] ?? 1) - 1
        activeLengths[delimiter.count] = sameLength > 0 ? sameLength : nil
    }

    /// Skips lines up to an enclosing delimiter or the end of input.
    private func scanToStop(from start: Int) -> Stop {
        var pos = start
        while pos < source.count {
            let line = SourceLine(in: source, at: pos)
            if isEnclosingDelimiter(line) { return .delimiter(pos) }
            pos = line.end
        }
        return .endOfInput
    }

    /// Where content that stopped at `stop` ends: the line break before a delimiter
    /// belongs to the delimiter (RFC 2046 §5.1.1).
    private func contentEnd(_ stop: Stop, notBefore floor: Int) -> Int {
        switch stop {
        case .endOfInput: return source.count
        case .delimiter(let offset): return max(floor, offset - source.lineBreakLength(before: offset))
        }
    }

    // MARK: Entities

    private func parseEntity(at start: Int, partNumber: String, isMessage: Bool,
                             defaultType: ContentType, depth: Int) -> (part: MIMEPart, stop: Stop) {
        entityCount += 1
        let section = readHeaderSection(at: start)
        let header = HeaderFields(section.fields)
        var defects: [MIMEDefect] = section.missingSeparator ? [.missingHeaderBodySeparator] : []

        let contentType: ContentType
        if let field = header.first(named: "Content-Type") {
            contentType = ContentType.parse(bytes: field.unfoldedBytes) ?? .textPlain
        } else {
            contentType = defaultType
        }
        let disposition = header.first(named: "Content-Disposition").map { ContentDisposition.parse(bytes: $0.unfoldedBytes) }
        let encoding = header.first(named: "Content-Transfer-Encoding").map { ContentTransferEncoding($0.unfoldedValue) }

        let bodyStart = section.bodyStart
        let isContainer = contentType.isMultipart || Self.encapsulatesEntity(contentType)
        let atLimit = depth >= limits.maximumDepth || entityCount >= limits.maximumParts
        var content = MIMEPart.Content.single
        let stop: Stop
        if isContainer, atLimit {
            defects.append(depth >= limits.maximumDepth ? .depthLimitReached : .partLimitReached)
            stop = scanToStop(from: bodyStart)
        } else if Self.encapsulatesEntity(contentType) {
            // RFC 3501 §6.4.5: a message/rfc822 body part and its message share a number;
            // a message/rfc822 *message* has the encapsulated one as its part 1.
            let number = isMessage ? (partNumber.isEmpty ? "1" : partNumber + ".1") : partNumber
            let inner = parseEntity(at: bodyStart, partNumber: number, isMessage: true, defaultType: .textPlain, depth: depth + 1)
            content = .message(inner.part)
            stop = inner.stop
        } else if contentType.isMultipart, let boundary = contentType.boundaryBytes {
            let result = parseMultipart(bodyStart: bodyStart, boundary: boundary, partNumber: partNumber,
                                        isDigest: contentType.subtype == "digest", depth: depth)
            content = result.parts.map(MIMEPart.Content.multipart) ?? .single
            defects.append(contentsOf: result.defects)
            stop = result.stop
        } else {
            if contentType.isMultipart { defects.append(.missingBoundary) }
            stop = scanToStop(from: bodyStart)
        }
        let end = contentEnd(stop, notBefore: start)
        if case .multipart(let parts) = content, let last = parts.last, last.range.upperBound > max(bodyStart, end) {
            // A part that starts right after its delimiter line, where an enclosing
            // delimiter follows at once, would begin after the line break that delimiter
            // claims (RFC 2046 §5.1.1): it is empty, at the end of this body.
            content = .multipart(parts.map { $0.clamped(to: max(bodyStart, end)) })
        }
        let part = MIMEPart(source: source, partNumber: partNumber, isMessage: isMessage, depth: depth,
                            headerRange: start..<bodyStart, bodyRange: bodyStart..<max(bodyStart, end),
                            header: header, contentType: contentType, contentDisposition: disposition,
                            transferEncoding: encoding, content: content, defects: defects)
        // When the line break that ends the header (or its blank line) is the one that
        // precedes the delimiter, it belongs to the delimiter: cut the entity there.
        return (end < bodyStart ? part.clamped(to: end) : part, stop)
    }

    /// message/* bodies hold an entity (RFC 2046 §5.2): an encapsulated message, a
    /// fragment of one (partial) or the header of external data (external-body).
    /// message/delivery-status is the exception: its body is a list of field groups
    /// (RFC 3464 §2.1), not an entity.
    static func encapsulatesEntity(_ type: ContentType) -> Bool {
        type.type == "message" && type.subtype != "delivery-status"
    }

    /// Parses a multipart body. `parts` is nil when no delimiter line was found, in which
    /// case the body is left as a leaf (RFC 2046 gives such a body no structure).
    private func parseMultipart(bodyStart: Int, boundary: [UInt8], partNumber: String, isDigest: Bool,
                                depth: Int) -> (parts: [MIMEPart]?, stop: Stop, defects: [MIMEDefect]) {
        let delimiter = [ASCIIByte.hyphen, ASCIIByte.hyphen] + boundary
        // Preamble: up to the first delimiter line. The first delimiter may start the
        // body without a preceding line break (RFC 2046 §5.1.1 "dash-boundary").
        var pos = bodyStart
        var opening: SourceLine?
        while pos < source.count {
            let line = SourceLine(in: source, at: pos)
            if isEnclosingDelimiter(line) { return (nil, .delimiter(pos), [.missingStartBoundary]) }
            if let isClose = matchDelimiter(line, delimiter) {
                if isClose { return (nil, scanToStop(from: line.end), [.missingStartBoundary]) }
                opening = line
                break
            }
            pos = line.end
        }
        guard var delimiterLine = opening else { return (nil, .endOfInput, [.missingStartBoundary]) }

        var parts: [MIMEPart] = []
        var defects: [MIMEDefect] = []
        while true {
            // Repeated delimiter lines delimit nothing: skip them.
            var partStart = delimiterLine.end
            while partStart < source.count {
                let line = SourceLine(in: source, at: partStart)
                guard !isEnclosingDelimiter(line), matchDelimiter(line, delimiter) != nil else { break }
                partStart = line.end
            }
            if entityCount >= limits.maximumParts {
                defects.append(.partLimitReached)
                return (parts, scanToStop(from: partStart), defects)
            }
            let number = partNumber.isEmpty ? "\(parts.count + 1)" : "\(partNumber).\(parts.count + 1)"
            activate(delimiter)
            let child = parseEntity(at: partStart, partNumber: number, isMessage: false,
                                    defaultType: isDigest ? .messageRFC822 : .textPlain, depth: depth + 1)
            deactivate(delimiter)
            parts.append(child.part)
            guard case .delimiter(let offset) = child.stop else {
                defects.append(.missingCloseBoundary)
                return (parts, .endOfInput, defects)
            }
            let line = SourceLine(in: source, at: offset)
            // An enclosing multipart's delimiter ends this one too (RFC 2046 §5.1.2).
            if isEnclosingDelimiter(line) {
                defects.append(.missingCloseBoundary)
                return (parts, .delimiter(offset), defects)
            }
            guard let isClose = matchDelimiter(line, delimiter) else {
                return (parts, .delimiter(offset), defects)
            }
            if isClose {
                // The epilogue runs to the end of the enclosing body.
                return (parts, scanToStop(from: line.end), defects)
            }
            delimiterLine = line
        }
    }
}
