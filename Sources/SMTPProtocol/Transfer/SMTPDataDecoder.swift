/// Decodes the content that follows `354` (RFC 5321 §4.5.2 / §4.1.1.4), fed in chunks of
/// any size: removes dot-stuffing, finds the end of data across chunk boundaries, and hands
/// back the message octets chunk by chunk so that the caller can stream them to disk.
///
/// Choices, as Postfix's `smtpd_forbid_bare_newline = normalize`:
/// - Only `CRLF "." CRLF` ends the data (the first line counts as following a CRLF).
///   `LF "." LF`, `LF "." CRLF` or `CRLF "." LF` do not: treating them as the end is the
///   "SMTP smuggling" hole, where a message hides a second one that another server would
///   split differently.
/// - A bare LF is stored as CRLF, so the spool only holds canonical line endings, and it
///   ends a line for dot-unstuffing, as clients that send bare LF mean it. A bare CR is
///   kept as it is.
/// - The size counted is that of the stored octets (after unstuffing and normalisation),
///   which is what RFC 1870 §4 measures. Past `maxMessageSize` nothing more is handed back
///   but decoding goes on to the end, so that the session can answer 552 at the right
///   moment; the caller must then discard what it stored.
public struct SMTPDataDecoder: Sendable {
    public let maxMessageSize: Int
    /// Octets of the message so far, including those not handed back past the limit.
    public private(set) var messageSize = 0
    /// True once the final `.` line has been read; `decode` then consumes nothing more.
    public private(set) var isComplete = false

    public var exceededLimit: Bool { messageSize > maxMessageSize }

    private enum State: Sendable {
        /// At the first octet of a line.
        case lineStart
        /// A line starting with ".", nothing after it yet.
        case dot
        /// A line starting with ".", CR.
        case dotCR
        /// Inside a line.
        case inLine
        /// Inside a line, after a CR not yet known to start CRLF.
        case cr
    }

    private var state = State.lineStart
    /// Whether the current line began after a real CRLF (or at the start): only such a
    /// line can be the final ".".
    private var lineFollowsCRLF = true

    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    public struct Output: Sendable {
        /// Message octets to store, in order; empty past the size limit.
        public var bytes: [UInt8]
        /// How many input octets were used: all of them unless the data ended, in which case
        /// the rest (pipelined commands, RFC 2920) belongs to the command reader.
        public var consumed: Int
        public var isComplete: Bool
    }

    public mutating func decode(_ input: ArraySlice<UInt8>) -> Output {
        guard !isComplete else { return Output(bytes: [], consumed: 0, isComplete: true) }
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 2)
        let consumed = input.withUnsafeBufferPointer { decode($0, into: &out) }
        return Output(bytes: out, consumed: consumed, isComplete: isComplete)
    }

    public mutating func decode(_ input: [UInt8]) -> Output { decode(input[...]) }

    private mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Int {
        let cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, dot: UInt8 = 0x2E
        var i = 0
        while i < input.count {
            let b = input[i]
            switch state {
            case .lineStart:
                if b == dot {
                    state = .dot
                    i += 1
                } else {
                    state = .inLine  // reprocess b inside the line
                }
            case .dot:
                if b == cr {
                    state = .dotCR
                    i += 1
                } else if b == lf {
                    // "." + bare LF: never the end (see above); a lone "." is kept.
                    emit([dot, cr, lf], into: &out)
                    startLine(afterCRLF: false)
                    i += 1
                } else {
                    // RFC 5321 §4.5.2: a leading "." followed by more text is removed.
                    state = .inLine
                }
            case .dotCR:
                if b == lf {
                    i += 1
                    if lineFollowsCRLF {
                        isComplete = true
                        return i
                    }
                    emit([dot, cr, lf], into: &out)
                    startLine(afterCRLF: true)
                } else {
                    // "." CR x: the dot was stuffing; the CR is line content.
                    state = .cr
                }
            case .inLine:
                // Fast path: copy the run up to the next CR or LF in one go.
                let start = i
                while i < input.count, input[i] != cr, input[i] != lf { i += 1 }
                if i > start { emit(UnsafeBufferPointer(rebasing: input[start..<i]), into: &out) }
                guard i < input.count else { break }
                if input[i] == cr {
                    state = .cr
                } else {
                    emit([cr, lf], into: &out)  // bare LF normalised
                    startLine(afterCRLF: false)
                }
                i += 1
            case .cr:
                if b == lf {
                    emit([cr, lf], into: &out)
                    startLine(afterCRLF: true)
                    i += 1
                } else {
                    emit([cr], into: &out)  // a bare CR stays; b is reprocessed
                    state = .inLine
                    if b == cr {
                        state = .cr
                        i += 1
                    }
                }
            }
        }
        return i
    }

    private mutating func startLine(afterCRLF: Bool) {
        state = .lineStart
        lineFollowsCRLF = afterCRLF
    }

    private mutating func emit(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        let count = bytes.count
        if !exceededLimit && messageSize + count <= maxMessageSize {
            out.append(contentsOf: bytes)
        }
        messageSize += count
    }
}
