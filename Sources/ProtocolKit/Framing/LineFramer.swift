/// Splits a byte stream into protocol lines without ever buffering more than `maxLineLength`
/// bytes of one line. Pure: the NIO handlers feed it, the unit tests drive it directly.
///
/// Lines end in LF; a CR before it is removed. Bare CR is kept as data: SMTP (RFC 5321
/// §2.3.8) and IMAP forbid it, and the protocol layers decide what to do with it.
public struct LineFramer: Sendable {
    public enum Frame: Sendable, Equatable {
        case line([UInt8])
        /// The line grew past the limit; its bytes up to the next LF are discarded and this
        /// is reported once, so the session can answer "line too long" and carry on.
        case overlong
    }

    public let maxLineLength: Int
    private var buffer: [UInt8] = []
    private var discarding = false

    public init(maxLineLength: Int) {
        self.maxLineLength = maxLineLength
    }

    /// Bytes received but not yet returned as a complete line.
    public var pendingByteCount: Int { buffer.count }

    /// Appends bytes and returns every complete frame they finish, in order.
    public mutating func append<Bytes: Collection>(_ bytes: Bytes) -> [Frame] where Bytes.Element == UInt8 {
        var frames: [Frame] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if discarding {
                    discarding = false
                } else {
                    if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
                    frames.append(.line(buffer))
                }
                buffer.removeAll(keepingCapacity: true)
                continue
            }
            if discarding { continue }
            buffer.append(byte)
            // The CR of a CRLF may sit just past the limit without making the line too long.
            if buffer.count > maxLineLength + 1 || (buffer.count == maxLineLength + 1 && byte != UInt8(ascii: "\r")) {
                buffer.removeAll(keepingCapacity: true)
                discarding = true
                frames.append(.overlong)
            }
        }
        return frames
    }

    /// Drops everything buffered, e.g. plaintext pipelined after STARTTLS (RFC 3207 §4.2).
    public mutating func reset() {
        buffer.removeAll(keepingCapacity: false)
        discarding = false
    }
}
