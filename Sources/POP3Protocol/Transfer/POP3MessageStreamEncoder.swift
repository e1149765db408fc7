/// Turns a stored message, fed in chunks of any size, into the body of a RETR or TOP
/// response (RFC 1939 §3, §7): lines end in CRLF (a bare LF gets its CR), lines starting
/// with "." are byte-stuffed, and `finish()` ends the response with ".\r\n". For TOP it
/// passes the header, the blank line and the first `bodyLineLimit` body lines, then drops
/// the rest. Memory stays bounded: a few flags, whatever the chunking.
///
/// The status line (`+OK …`) is not its business; `POP3Session` sends it before the first
/// output of the encoder.
public struct POP3MessageStreamEncoder: Hashable, Sendable {
    private enum Section: Hashable, Sendable {
        case header
        case body(remaining: Int)
        /// TOP has everything it wants.
        case done
    }

    /// Nil for RETR (everything); the line count of TOP.
    public let bodyLineLimit: Int?
    private var section: Section = .header
    private var atLineStart = true
    private var previousWasCR = false
    /// Octets of the current line before its LF, saturating at 2: only "empty" (0, or a
    /// lone CR) matters, to find the blank line that ends the header.
    private var lineOctets = 0
    private var finished = false

    public init(bodyLineLimit: Int? = nil) {
        self.bodyLineLimit = bodyLineLimit.map { max(0, $0) }
    }

    /// True once TOP has passed its last line: further input is dropped, so the server may
    /// stop reading the file.
    public var isSatisfied: Bool { section == .done || finished }

    /// The encoded form of the next chunk (possibly empty).
    public mutating func encode(_ chunk: some Collection<UInt8>) -> [UInt8] {
        guard !isSatisfied else { return [] }
        if bodyLineLimit == nil, let out = chunk.withContiguousStorageIfAvailable({ encodeWholeLines($0) }) {
            return out
        }
        var out: [UInt8] = []
        out.reserveCapacity(chunk.count + chunk.count / 16 + 8)
        for byte in chunk {
            if byte == 0x0A {
                if !previousWasCR { out.append(0x0D) }
                out.append(0x0A)
                let emptyLine = lineOctets == 0 || (lineOctets == 1 && previousWasCR)
                atLineStart = true
                previousWasCR = false
                lineOctets = 0
                if endOfLine(wasEmpty: emptyLine) { break }
            } else {
                // RFC 1939 §3: a line that starts with the termination octet gets another.
                if atLineStart && byte == 0x2E { out.append(0x2E) }
                out.append(byte)
                atLineStart = false
                previousWasCR = byte == 0x0D
                lineOctets = min(lineOctets + 1, 2)
            }
        }
        return out
    }

    /// RETR's fast path: the same rules as `encode`, applied a line at a time with bulk
    /// copies (RETR never counts lines, so `lineOctets` and `section` are not kept).
    private mutating func encodeWholeLines(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 16 + 8)
        var start = 0
        while start < input.count {
            if atLineStart && input[start] == 0x2E { out.append(0x2E) }
            var end = start
            while end < input.count && input[end] != 0x0A { end += 1 }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[start..<end]))
            guard end < input.count else {
                // The line continues in the next chunk.
                atLineStart = false
                previousWasCR = input[end - 1] == 0x0D
                break
            }
            let endsWithCR = end > start ? input[end - 1] == 0x0D : previousWasCR
            if !endsWithCR { out.append(0x0D) }
            out.append(0x0A)
            atLineStart = true
            previousWasCR = false
            start = end + 1
        }
        return out
    }

    /// Ends the response: a CRLF if the message did not end with a line break, then ".\r\n".
    /// Further calls return nothing.
    public mutating func finish() -> [UInt8] {
        guard !finished else { return [] }
        finished = true
        var out: [UInt8] = []
        if !atLineStart {
            // A trailing CR becomes the start of the line break rather than a stray octet.
            out += previousWasCR ? [0x0A] : [0x0D, 0x0A]
        }
        out += [0x2E, 0x0D, 0x0A]
        return out
    }

    /// Advances the TOP accounting after a line ends; true when TOP wants nothing more.
    private mutating func endOfLine(wasEmpty: Bool) -> Bool {
        guard let limit = bodyLineLimit else { return false }
        switch section {
        case .header:
            // RFC 1939 §7 (TOP): the header, the blank line, then `limit` body lines.
            guard wasEmpty else { return false }
            section = limit == 0 ? .done : .body(remaining: limit)
        case .body(let remaining):
            section = remaining <= 1 ? .done : .body(remaining: remaining - 1)
        case .done:
            break
        }
        return section == .done
    }
}
