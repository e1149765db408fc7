/// Cuts a server's octets into replies (RFC 5321 §4.2): `code-text` continuation lines
/// and a final `code SP text` line, all with the same code. Recognises RFC 2034 enhanced
/// status codes at the start of the text and removes them from the lines.
///
/// Incremental: feed octets in any chunking and take complete replies as they form.
/// Bounded: lines and replies have a maximum size, so a hostile server cannot make the
/// client buffer without end.
public struct SMTPReplyParser: Sendable {
    /// Why the input is not a valid reply stream. The connection cannot go on after one.
    public struct ProtocolError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Longest reply line accepted, CRLF included. RFC 5321 §4.5.3.1.5 says 512; servers
    /// send longer EHLO and error lines in practice.
    public var maxLineLength: Int
    /// Most lines in one reply (EHLO replies have one per extension).
    public var maxLines: Int

    private var buffer: [UInt8] = []
    private var lines: [(code: Int, text: String)] = []

    public init(maxLineLength: Int = 4096, maxLines: Int = 200) {
        self.maxLineLength = maxLineLength
        self.maxLines = maxLines
    }

    /// Octets received but not yet part of a returned reply.
    public var bufferedCount: Int { buffer.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// Forgets everything buffered (after STARTTLS: nothing sent in plaintext after the
    /// 220 may be trusted, RFC 3207 §4.2).
    public mutating func reset() {
        buffer = []
        lines = []
    }

    /// The next complete reply, nil when more octets are needed.
    public mutating func next() throws(ProtocolError) -> SMTPReply? {
        while let lf = buffer.firstIndex(of: 0x0A) {
            guard lf + 1 <= maxLineLength else { throw ProtocolError("reply line longer than \(maxLineLength) octets") }
            var end = lf
            if end > 0 && buffer[end - 1] == 0x0D { end -= 1 }
            let line = Array(buffer[..<end])
            buffer.removeFirst(lf + 1)
            let (code, isLast, text) = try Self.split(line)
            if let first = lines.first, first.code != code {
                throw ProtocolError("reply lines with different codes \(first.code) and \(code)")
            }
            lines.append((code, text))
            guard lines.count <= maxLines else { throw ProtocolError("reply longer than \(maxLines) lines") }
            if isLast {
                let reply = Self.assemble(lines)
                lines = []
                return reply
            }
        }
        guard buffer.count < maxLineLength else { throw ProtocolError("reply line longer than \(maxLineLength) octets") }
        return nil
    }

    /// `Reply-code [ SP / "-" textstring ]`: a bare code is a last line with no text.
    private static func split(_ line: [UInt8]) throws(ProtocolError) -> (Int, Bool, String) {
        guard line.count >= 3, line[0...2].allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw ProtocolError("not an SMTP reply: \"\(printable(line.prefix(40)))\"")
        }
        let code = Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30)
        guard (200...599).contains(code) else { throw ProtocolError("reply code \(code) out of range") }
        guard line.count > 3 else { return (code, true, "") }
        let separator = line[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw ProtocolError("no space or hyphen after reply code \(code)")
        }
        return (code, separator == UInt8(ascii: " "), printable(line[4...]))
    }

    /// Reduces text to printable ASCII (replies reach logs and bounces).
    static func printable(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes.map { (0x20...0x7E).contains($0) || $0 == 0x09 ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    /// RFC 2034 §3: when the first line carries an enhanced code whose class matches the
    /// reply code's first digit, every line that repeats it has it removed.
    private static func assemble(_ lines: [(code: Int, text: String)]) -> SMTPReply {
        let code = lines[0].code
        var enhanced: SMTPEnhancedStatusCode?
        if let (candidate, _) = leadingEnhancedCode(lines[0].text), candidate.statusClass == code / 100 {
            enhanced = candidate
        }
        let texts = lines.map { line -> String in
            guard let enhanced, let (found, rest) = leadingEnhancedCode(line.text), found == enhanced else { return line.text }
            return rest
        }
        return SMTPReply(code: code, enhancedCode: enhanced, lines: texts)
    }

    private static func leadingEnhancedCode(_ text: String) -> (SMTPEnhancedStatusCode, String)? {
        let word = text.prefix { $0 != " " }
        guard word.count >= 5, word.count <= 11, let parsed = SMTPEnhancedStatusCode(parsing: String(word)) else { return nil }
        return (parsed, String(text.dropFirst(word.count).drop { $0 == " " }))
    }
}

extension SMTPReply {
    /// The text of every line joined with spaces, the enhanced code first: what logs,
    /// queue listings and bounces show, e.g. `550 5.1.1 <bob@example.com>: User unknown`.
    public var summary: String {
        var text = "\(code)"
        if let enhancedCode { text += " \(enhancedCode)" }
        let joined = lines.joined(separator: " ")
        let trimmed = joined.drop { $0 == " " }
        if !trimmed.isEmpty { text += " " + trimmed }
        return text
    }
}
