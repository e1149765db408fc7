/// Decoding of uuencoded bodies (`Content-Transfer-Encoding: x-uuencode`), which some
/// old mailers still send. Lenient: bad characters decode as zero bits, short lines are
/// padded, and input without a `begin` line is returned unchanged.
enum UUDecoder {
    static func decode<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        let bytes = Array(body)
        let lines = bytes.split(omittingEmptySubsequences: false) { $0 == ASCIIByte.lf }
        guard let beginIndex = lines.firstIndex(where: { $0.starts(with: "begin ".utf8) }) else { return bytes }
        var out: [UInt8] = []
        for raw in lines[(beginIndex + 1)...] {
            var line = raw
            if line.last == ASCIIByte.cr { line = line.dropLast() }
            if line.starts(with: "end".utf8) || line.isEmpty { break }
            let chars = Array(line)
            let count = Int((chars[0] &- 0x20) & 0x3F)
            if count == 0 { break }
            var produced = 0
            var i = 1
            while produced < count {
                var group: UInt32 = 0
                for k in 0..<4 {
                    let c = i + k < chars.count ? chars[i + k] : 0x20
                    group = group << 6 | UInt32((c &- 0x20) & 0x3F)
                }
                for shift in [16, 8, 0] where produced < count {
                    out.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
                    produced += 1
                }
                i += 4
            }
        }
        return out
    }
}
