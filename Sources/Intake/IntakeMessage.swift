import Durability
import Spool

/// The octets of a message under intake, as stages read them: the header block in memory
/// (bounded by the protocol's header limits) and the whole message as a stream of chunks,
/// so a large message is read once and never held whole. Reads block: call them off the
/// event loop (`BlockingIO`).
public struct IntakeMessage: Sendable {
    private let source: Source
    /// The header block, up to and including the empty line that ends it (the whole
    /// message when it has no body).
    public let header: [UInt8]
    public let size: Int

    enum Source: Sendable {
        case draft(SpoolDraft)
        case bytes([UInt8])
    }

    /// A message in memory (generated mail, `filter scan`, tests).
    public init(bytes: [UInt8]) {
        source = .bytes(bytes)
        header = Array(bytes[..<(Spool.HeaderBlock.end(in: bytes) ?? bytes.count)])
        size = bytes.count
    }

    /// A received message in a sealed spool draft.
    public init(draft: SpoolDraft) throws {
        source = .draft(draft)
        var header: [UInt8] = []
        try draft.read { chunk in
            header.append(contentsOf: chunk)
            if let end = Spool.HeaderBlock.end(in: header) {
                header.removeSubrange(end...)
                return false
            }
            return header.count < 4 << 20
        }
        self.header = header
        size = draft.size
    }

    /// Calls `body` with successive chunks from the first octet; `body` returns false to stop.
    public func read(chunkSize: Int = 1 << 16, _ body: ([UInt8]) throws -> Bool) throws {
        switch source {
        case .draft(let draft):
            try draft.read(chunkSize: chunkSize, body)
        case .bytes(let bytes):
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSize)
                guard try body(Array(bytes[start..<end])) else { return }
                start = end
            }
        }
    }

    /// The whole message when it is at most `limit` octets, else nil.
    public func bytes(limit: Int) throws -> [UInt8]? {
        guard size <= limit else { return nil }
        if case .bytes(let bytes) = source { return bytes }
        var all: [UInt8] = []
        all.reserveCapacity(size)
        try read { all.append(contentsOf: $0); return true }
        return all
    }
}

