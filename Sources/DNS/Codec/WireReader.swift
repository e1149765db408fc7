/// A bounds-checked cursor over a whole DNS message. Every read checks the remaining
/// length first, so hostile input can only produce a `DNSDecodingError`.
struct WireReader {
    let bytes: [UInt8]
    private(set) var position: Int
    /// Reads stop here (the end of the current RDATA, or of the message).
    var end: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.position = 0
        self.end = bytes.count
    }

    var remaining: Int { end - position }

    mutating func readUInt8() throws(DNSDecodingError) -> UInt8 {
        guard position < end else { throw .truncated(offset: position) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt16() throws(DNSDecodingError) -> UInt16 {
        guard remaining >= 2 else { throw .truncated(offset: position) }
        defer { position += 2 }
        return UInt16(bytes[position]) << 8 | UInt16(bytes[position + 1])
    }

    mutating func readUInt32() throws(DNSDecodingError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(offset: position) }
        defer { position += 4 }
        return UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16
            | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }

    mutating func readBytes(_ count: Int) throws(DNSDecodingError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated(offset: position) }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// A `<length><bytes>` character-string (RFC 1035 §3.3).
    mutating func readCharacterString() throws(DNSDecodingError) -> [UInt8] {
        let length = try readUInt8()
        return try readBytes(Int(length))
    }

    /// A possibly compressed name (RFC 1035 §4.1.4). Each pointer must point before the
    /// start of the label run it ends, so the chain of jumps strictly moves backwards and
    /// cannot loop; the decompressed name is limited to 255 octets.
    mutating func readName() throws(DNSDecodingError) -> DNSName {
        var labels: [[UInt8]] = []
        var wireLength = 1
        var cursor = position
        var segmentStart = position
        var resumeAt: Int? = nil
        while true {
            guard cursor < end else { throw .truncated(offset: cursor) }
            let length = bytes[cursor]
            switch length >> 6 {
            case 0:
                if length == 0 {
                    position = resumeAt ?? (cursor + 1)
                    return DNSName(unchecked: labels)
                }
                let count = Int(length)
                guard cursor + 1 + count <= end else { throw .truncated(offset: cursor) }
                wireLength += 1 + count
                guard wireLength <= DNSName.maximumWireLength else { throw .nameTooLong(offset: cursor) }
                labels.append(Array(bytes[(cursor + 1)...(cursor + count)]))
                cursor += 1 + count
            case 3:
                guard cursor + 1 < end else { throw .truncated(offset: cursor) }
                let target = Int(length & 0x3F) << 8 | Int(bytes[cursor + 1])
                guard target < segmentStart else { throw .invalidCompressionPointer(offset: cursor) }
                if resumeAt == nil { resumeAt = cursor + 2 }
                segmentStart = target
                cursor = target
            default:
                throw .unsupportedLabelType(offset: cursor)
            }
        }
    }
}
