/// Small text helpers.
extension String {
    /// Without leading and trailing SP, HT, CR and LF.
    var sieveTrimmed: String {
        let scalars = unicodeScalars
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
              let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// ASCII letters lower-cased, nothing else touched.
    var asciiLowercasedForSieve: String {
        String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Truncated to at most `maximum` UTF-8 bytes, on a character boundary.
    func truncatedUTF8(_ maximum: Int) -> String {
        guard utf8.count > maximum else { return self }
        var result = ""
        var size = 0
        for character in self {
            let n = character.utf8.count
            if size + n > maximum { break }
            result.append(character)
            size += n
        }
        return result
    }
}
