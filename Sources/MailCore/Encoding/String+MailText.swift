/// Small text helpers for mail syntax, which is ASCII-based whatever the content.
extension String {
    /// Decodes bytes as ISO-8859-1: every byte is the code point of the same value.
    init<C: Collection>(latin1 bytes: C) where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        self = String(scalars)
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
