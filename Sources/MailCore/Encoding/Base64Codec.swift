/// Base64 content-transfer-encoding (RFC 2045 §6.8) and the "B" encoding of RFC 2047 §4.1.
public enum Base64Codec {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0...63 for alphabet bytes, 0xFF otherwise.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, b) in alphabet.enumerated() { table[Int(b)] = UInt8(i) }
        return table
    }()

    /// Decodes leniently, never failing: RFC 2045 §6.8 says characters outside the
    /// alphabet "are to be ignored"; `=` closes the current quantum (so concatenated
    /// padded chunks decode in full) and a dangling single character is dropped.
    public static func decode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        decodeCounting(input).bytes
    }

    /// Decodes like `decode` and also reports how many alphabet characters were seen
    /// in the last, incomplete quantum (0 when the input ended on a quantum boundary).
    static func decodeCounting<C: Collection>(_ input: C) -> (bytes: [UInt8], danglingCount: Int) where C.Element == UInt8 {
        var out = [UInt8]()
        out.reserveCapacity(input.count / 4 * 3 + 3)
        var quantum: UInt32 = 0
        var count = 0
        func flushPartial() {
            // 2 characters carry 1 byte, 3 carry 2; a single one carries nothing whole.
            if count == 2 {
                out.append(UInt8(truncatingIfNeeded: quantum >> 4))
            } else if count == 3 {
                out.append(UInt8(truncatingIfNeeded: quantum >> 10))
                out.append(UInt8(truncatingIfNeeded: quantum >> 2))
            }
            quantum = 0
            count = 0
        }
        for b in input {
            let v = values[Int(b)]
            if v != 0xFF {
                quantum = quantum << 6 | UInt32(v)
                count += 1
                if count == 4 {
                    out.append(UInt8(truncatingIfNeeded: quantum >> 16))
                    out.append(UInt8(truncatingIfNeeded: quantum >> 8))
                    out.append(UInt8(truncatingIfNeeded: quantum))
                    quantum = 0
                    count = 0
                }
            } else if b == ASCIIByte.equals, count > 0 {
                flushPartial()
            }
        }
        let dangling = count
        flushPartial()
        return (out, dangling)
    }

    /// Encodes with lines of at most `lineLength` characters (76 per RFC 2045 §6.8)
    /// separated by CRLF; `lineLength` 0 produces a single line (RFC 2047 words).
    public static func encode<C: Collection>(_ input: C, lineLength: Int = 76) -> [UInt8] where C.Element == UInt8 {
        let bytes = Array(input)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4 + bytes.count / 38 + 2)
        let wrap = lineLength > 0 ? max(4, lineLength / 4 * 4) : Int.max
        var column = 0
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            if column >= wrap {
                out.append(ASCIIByte.cr)
                out.append(ASCIIByte.lf)
                column = 0
            }
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : ASCIIByte.equals)
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : ASCIIByte.equals)
            column += 4
            i += 3
        }
        return out
    }
}
