/// Small text helpers for mail syntax, which is ASCII-based whatever the content.
extension String {
    /// Decodes bytes as ISO-8859-1: every byte is the code point of the same value.
    /// Written as UTF-8 directly: a byte below 0x80 is itself, any other two bytes
    /// (appending scalars one by one cost more than the rest of a message's parsing).
    init<C: Collection>(latin1 bytes: C) where C.Element == UInt8 {
        self.init(unsafeUninitializedCapacity: 2 * bytes.count) { utf8 in
            var count = 0
            for b in bytes {
                if b < 0x80 {
                    utf8[count] = b
                    count += 1
                } else {
                    utf8[count] = 0xC0 | b >> 6
                    utf8[count + 1] = 0x80 | b & 0x3F
                    count += 2
                }
            }
            return count
        }
    }

    /// Case-insensitive comparison for ASCII identifiers (header names, MIME tokens).
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { ASCIIByte.lowercased($0) == ASCIIByte.lowercased($1) }
    }

    /// Lowercases ASCII letters only, leaving other characters untouched (unlike
    /// `lowercased()`, which is locale-free but Unicode-aware).
    var asciiLowercased: String {
        String(decoding: utf8.map(ASCIIByte.lowercased), as: UTF8.self)
    }

    /// Drops leading and trailing SP, HT, CR and LF.
    var trimmingMailWhitespace: String {
        let isWS: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isWS($0) }) else { return "" }
        let last = lastIndex(where: { !isWS($0) })!
        return String(self[first...last])
    }

    /// Drops leading and trailing Unicode white space (as Python's `str.strip()`).
    var trimmingUnicodeWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
