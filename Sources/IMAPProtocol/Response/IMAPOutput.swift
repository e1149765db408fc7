/// Bytes being written for the client, kept as chunks: large payloads (message sections)
/// are referenced as slices of the message buffer instead of being copied, so the I/O
/// layer can write them straight out.
public struct IMAPOutput: Sendable {
    /// Payloads at least this long become chunks of their own.
    static let separateChunkThreshold = 4096

    private var finished: [ArraySlice<UInt8>] = []
    private var pending: [UInt8] = []

    public init() {}

    /// The output so far, in order.
    public var chunks: [ArraySlice<UInt8>] {
        pending.isEmpty ? finished : finished + [pending[...]]
    }

    /// The output as one array (copies).
    public var bytes: [UInt8] {
        if finished.isEmpty { return pending }
        var all: [UInt8] = []
        all.reserveCapacity(byteCount)
        for chunk in finished { all.append(contentsOf: chunk) }
        all.append(contentsOf: pending)
        return all
    }

    public var byteCount: Int { finished.reduce(pending.count) { $0 + $1.count } }

    mutating func write(_ text: String) { pending.append(contentsOf: text.utf8) }
    mutating func write(_ byte: UInt8) { pending.append(byte) }
    mutating func write<C: Collection>(bytes: C) where C.Element == UInt8 { pending.append(contentsOf: bytes) }
    mutating func write(number: some BinaryInteger) { write(String(number)) }

    /// A payload that may be large: referenced, not copied, when it is.
    mutating func write(payload: ArraySlice<UInt8>) {
        if payload.count < IMAPOutput.separateChunkThreshold {
            pending.append(contentsOf: payload)
            return
        }
        if !pending.isEmpty {
            finished.append(pending[...])
            pending = []
        }
        finished.append(payload)
    }

    mutating func append(_ other: IMAPOutput) {
        if !pending.isEmpty, !other.finished.isEmpty {
            finished.append(pending[...])
            pending = []
        }
        finished.append(contentsOf: other.finished)
        pending.append(contentsOf: other.pending)
    }
}
