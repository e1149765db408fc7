/// Byte constants and small helpers shared by the DKIM and disclaimer code. Mail is not
/// guaranteed to be UTF-8, so everything here works on bytes.
enum Byte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let at: UInt8 = 0x40

    static let crlf: [UInt8] = [cr, lf]

    /// RFC 5234 WSP.
    @inline(__always) static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }

    /// WSP or a line break byte: what FWS is made of once a field is unfolded.
    @inline(__always) static func isFWS(_ b: UInt8) -> Bool { isWSP(b) || b == cr || b == lf }

    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 0x20 : b }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}

extension Collection where Element == UInt8 {
    /// The bytes without leading and trailing FWS.
    func trimmingFWS() -> SubSequence {
        let start = firstIndex { !Byte.isFWS($0) } ?? endIndex
        var end = endIndex
        var i = start
        while i != endIndex {
            if !Byte.isFWS(self[i]) { end = index(after: i) }
            i = index(after: i)
        }
        return self[start..<end]
    }
}

extension Array where Element == UInt8 {
    /// The first index at or after `from` where `needle` starts, comparing ASCII letters
    /// case-insensitively (the needle must be lower case).
    func firstIndex(ofCaseInsensitive needle: [UInt8], from: Int = 0) -> Int? {
        guard !needle.isEmpty, count >= needle.count, from <= count - needle.count else { return nil }
        var i = Swift.max(0, from)
        while i <= count - needle.count {
            var matched = true
            for j in 0..<needle.count where Byte.lowercased(self[i + j]) != needle[j] {
                matched = false
                break
            }
            if matched { return i }
            i += 1
        }
        return nil
    }

    /// The last index where `needle` starts, comparing ASCII letters case-insensitively.
    func lastIndex(ofCaseInsensitive needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        var i = count - needle.count
        while i >= 0 {
            var matched = true
            for j in 0..<needle.count where Byte.lowercased(self[i + j]) != needle[j] {
                matched = false
                break
            }
            if matched { return i }
            i -= 1
        }
        return nil
    }
}

extension String {
    /// Lower-cases ASCII letters only (DNS names, tag values, header names).
    var asciiLowercased: String { String(decoding: utf8.map(Byte.lowercased), as: UTF8.self) }
}
