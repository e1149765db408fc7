/// Counts over a text computed in one pass with an ASCII fast path (Unicode properties
/// are only consulted above U+007F): the built-in tests read these instead of walking
/// the text again.
struct TextStatistics: Sendable {
    var words = 0
    var letters = 0
    var upperLetters = 0
    var nonWhitespace = 0
    var nonASCII = 0

    init(_ text: String) {
        var inWord = false
        for s in text.unicodeScalars {
            let v = s.value
            let letter: Bool, upper: Bool, digit: Bool, space: Bool
            if v < 0x80 {
                upper = v >= 0x41 && v <= 0x5A
                letter = upper || (v >= 0x61 && v <= 0x7A)
                digit = v >= 0x30 && v <= 0x39
                space = v == 0x20 || (v >= 0x09 && v <= 0x0D)
            } else {
                nonASCII += 1
                let p = s.properties
                letter = p.isAlphabetic
                upper = letter && p.isUppercase
                digit = !letter && p.numericType != nil
                space = p.isWhitespace
            }
            if letter { letters += 1 }
            if upper { upperLetters += 1 }
            if !space { nonWhitespace += 1 }
            let wordChar = letter || digit
            if wordChar && !inWord { words += 1 }
            inWord = wordChar
        }
    }

    /// Share of capitals among letters, nil below `minimumLetters`.
    func capsRatio(minimumLetters: Int) -> Double? {
        letters >= minimumLetters ? Double(upperLetters) / Double(letters) : nil
    }
}

extension Unicode.Scalar {
    /// isAlphabetic with an ASCII fast path.
    var isLetterFast: Bool {
        let v = value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return properties.isAlphabetic
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs (byte search, no Foundation).
    func containsBytes(_ needle: String) -> Bool { containsBytes(Array(needle.utf8)) }

    func containsBytes(_ n: [UInt8]) -> Bool {
        guard !n.isEmpty else { return true }
        guard n.count <= count else { return false }
        return withUnsafeBufferPointer { hay in
            let first = n[0], last = hay.count - n.count
            var i = 0
            while i <= last {
                if hay[i] == first {
                    var j = 1
                    while j < n.count, hay[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

extension StringProtocol {
    /// UTF-8 bytes with ASCII letters lower-cased (for `LiteralPrefilter`).
    var asciiLoweredBytes: [UInt8] {
        let lowered = utf8.withContiguousStorageIfAvailable(Self.asciiLowered)
        return lowered ?? utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    private static func asciiLowered(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bytes.count) { out, count in
            for (i, b) in bytes.enumerated() { out[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
            count = bytes.count
        }
    }
}
