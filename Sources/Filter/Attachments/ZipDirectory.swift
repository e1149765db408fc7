/// The names (and, for stored entries, the first octets) of the files in a zip archive,
/// read from the central directory at its end, or from the local headers when the end is
/// missing. One level only: the blocker looks into a zip, not into a zip in a zip.
struct ZipDirectory {
    struct Member {
        var name: String
        /// The first octets of the member when it is stored uncompressed, else empty.
        var head: [UInt8]
    }

    let members: [Member]

    init(_ bytes: [UInt8]) {
        var members: [Member] = []
        // Local file headers, in order (PK\x03\x04).
        var offset = 0
        while offset + 30 <= bytes.count, members.count < 10_000 {
            guard bytes[offset] == 0x50, bytes[offset + 1] == 0x4B, bytes[offset + 2] == 0x03, bytes[offset + 3] == 0x04 else { break }
            let flags = Self.u16(bytes, offset + 6)
            let method = Self.u16(bytes, offset + 8)
            let compressed = Int(Self.u32(bytes, offset + 18))
            let nameLength = Int(Self.u16(bytes, offset + 26))
            let extraLength = Int(Self.u16(bytes, offset + 28))
            let nameStart = offset + 30
            guard nameStart + nameLength <= bytes.count else { break }
            let name = String(decoding: bytes[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            let dataStart = nameStart + nameLength + extraLength
            var head: [UInt8] = []
            if method == 0, dataStart < bytes.count {
                head = Array(bytes[dataStart..<min(bytes.count, dataStart + min(compressed, 4096))])
            }
            members.append(Member(name: name, head: head))
            // Sizes after the data (bit 3) are unknown here: the central directory has them.
            guard flags & 0x08 == 0, compressed > 0 || method == 0 else { break }
            offset = dataStart + compressed
        }
        // The central directory lists every name, even when local headers could not be walked.
        var known = Set(members.map(\.name))
        if let directory = Self.centralDirectory(bytes) {
            var entry = directory
            while entry + 46 <= bytes.count, bytes[entry..<(entry + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]),
                  members.count < 10_000 {
                let nameLength = Int(Self.u16(bytes, entry + 28))
                let extraLength = Int(Self.u16(bytes, entry + 30))
                let commentLength = Int(Self.u16(bytes, entry + 32))
                guard entry + 46 + nameLength <= bytes.count else { break }
                let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
                if known.insert(name).inserted { members.append(Member(name: name, head: [])) }
                entry += 46 + nameLength + extraLength + commentLength
            }
        }
        self.members = members
    }

    /// Offset of the first central directory entry, from the end-of-central-directory record.
    static func centralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                let start = Int(u32(bytes, index + 16))
                return start < bytes.count ? start : nil
            }
            index -= 1
        }
        return nil
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
        guard i + 1 < b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        guard i + 3 < b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
