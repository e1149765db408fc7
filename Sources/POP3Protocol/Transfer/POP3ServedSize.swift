/// Counts a message's size as POP3 serves it (RFC 1939 §11): every bare LF counts as CRLF,
/// byte-stuffing and the terminating line do not count. The store computes LIST/STAT sizes
/// with this so that they match what `POP3MessageStreamEncoder` sends. Feed chunks of any
/// size; a CRLF split across chunks counts once.
public struct POP3ServedSize: Hashable, Sendable {
    public private(set) var octets = 0
    private var previousWasCR = false

    public init() {}

    public mutating func add(_ chunk: some Collection<UInt8>) {
        var count = 0
        for byte in chunk {
            count += byte == 0x0A && !previousWasCR ? 2 : 1
            previousWasCR = byte == 0x0D
        }
        octets = octets.addingReportingOverflow(count).overflow ? Int.max : octets + count
    }

    /// The served size of a whole message.
    public static func of(_ message: some Collection<UInt8>) -> Int {
        var size = POP3ServedSize()
        size.add(message)
        return size.octets
    }
}
