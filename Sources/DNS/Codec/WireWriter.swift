/// Builds a message, compressing names against the ones already written (RFC 1035
/// §4.1.4).
struct WireWriter {
    private(set) var bytes: [UInt8] = []
    /// Lower-cased label suffixes already written, with their offsets.
    private var suffixOffsets: [[[UInt8]]: Int] = [:]

    mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    mutating func writeUInt16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func writeUInt32(_ value: UInt32) {
        writeUInt16(UInt16(truncatingIfNeeded: value >> 16))
        writeUInt16(UInt16(truncatingIfNeeded: value))
    }

    mutating func writeBytes(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func writeCharacterString(_ data: [UInt8]) throws(DNSEncodingError) {
        guard data.count <= 255 else { throw .characterStringTooLong(data.count) }
        bytes.append(UInt8(data.count))
        bytes.append(contentsOf: data)
    }

    /// Writes `name`, ending in a pointer to an earlier copy of its longest known suffix
    /// when `compress` is set. Offsets past 0x3FFF cannot be pointed to and are not kept.
    mutating func writeName(_ name: DNSName, compress: Bool) {
        let lowered = name.lowercasedLabels
        for index in name.labels.indices {
            let suffix = Array(lowered[index...])
            if compress, let offset = suffixOffsets[suffix] {
                writeUInt16(0xC000 | UInt16(offset))
                return
            }
            if bytes.count <= 0x3FFF, suffixOffsets[suffix] == nil {
                suffixOffsets[suffix] = bytes.count
            }
            bytes.append(UInt8(name.labels[index].count))
            bytes.append(contentsOf: name.labels[index])
        }
        bytes.append(0)
    }

    /// Overwrites two bytes written earlier (a length placeholder).
    mutating func patchUInt16(_ value: UInt16, at offset: Int) {
        bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
    }
}
