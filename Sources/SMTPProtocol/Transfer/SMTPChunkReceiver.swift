/// Reads the octets of one BDAT chunk (RFC 3030 §2): exactly `size` octets follow the
/// command line, binary and unstuffed, possibly spread over many reads and possibly
/// followed by pipelined commands.
public struct SMTPChunkReceiver: Sendable {
    public let size: Int
    /// When true the octets are consumed but not handed back (a chunk that fails).
    public let discards: Bool
    public private(set) var remaining: Int

    public init(size: Int, discards: Bool = false) {
        precondition(size >= 0)
        self.size = size
        self.discards = discards
        self.remaining = size
    }

    public var isComplete: Bool { remaining == 0 }

    public struct Output: Sendable {
        /// The chunk octets found in this input (empty when discarding).
        public var bytes: ArraySlice<UInt8>
        /// Octets used from the input; what follows belongs to the command reader.
        public var consumed: Int
        public var isComplete: Bool
    }

    public mutating func receive(_ input: ArraySlice<UInt8>) -> Output {
        let take = min(remaining, input.count)
        remaining -= take
        let slice = input.prefix(take)
        return Output(bytes: discards ? [] : slice, consumed: take, isComplete: remaining == 0)
    }
}
