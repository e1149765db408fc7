/// Decoding of RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Real mail breaks RFC 2047 §5 in predictable ways, and this decoder accepts what mail
/// clients accept: encoded words glued to other text or to each other without the
/// required whitespace, words inside quoted strings, unknown or wrong charsets (read as
/// UTF-8 with U+FFFD), damaged base64 padding, raw 8-bit bytes inside a word, and `?=`
/// sequences that are really a Q escape (`=?utf-8?q?=3D?=`). Something that only looks
/// like an encoded word is kept literally. Time is linear in the input.
public enum EncodedWordDecoder {
    /// Decodes an `unstructured` header value (RFC 5322 §3.2.5) such as Subject.
    /// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2); all
    /// other text, whitespace included, is kept as it is.
    public static func decodeUnstructured(_ value: String) -> String {
        decodeUnstructured(bytes: Array(value.utf8))
    }

    /// Decodes raw header bytes. Text outside encoded words is read as UTF-8 (RFC 6532)
    /// with U+FFFD for invalid bytes; 8-bit bytes inside an encoded word belong to its
    /// charset (senders do put raw Latin-1 there).
    public static func decodeUnstructured(bytes v: [UInt8]) -> String {
        guard v.count >= 8, let firstStart = firstWordStart(v, from: 0) else { return String(decoding: v, as: UTF8.self) }
        let scanner = WordScanner(v)
        var tokens: [Token] = []
        if firstStart > 0 {
            // Fast path over the plain prefix is only safe up to its last white space.
            var cut = firstStart
            while cut > 0, !ASCIIByte.isWSP(v[cut - 1]) { cut -= 1 }
            while cut > 0, ASCIIByte.isWSP(v[cut - 1]) { cut -= 1 }
            if cut > 0 { tokens.append(Token(kind: .text, bytes: Array(v[0..<cut]))) }
        }
        var i = tokens.isEmpty ? 0 : tokens[0].bytes.count
        let n = v.count
        while i < n {
            if ASCIIByte.isWSP(v[i]) {
                var j = i
                while j < n, isFoldingWhitespace(v[j]) { j += 1 }
                tokens.append(Token(kind: .whitespace, bytes: Array(v[i..<j])))
                i = j
                continue
            }
            var wordIsWellFormed = true
            if v[i] == ASCIIByte.equals, i + 1 < n, v[i + 1] == ASCIIByte.question {
                switch scanner.scanWord(at: i) {
                case .decoded(let text, let next):
                    let precededBySpace = tokens.last.map { $0.kind == .whitespace } ?? true
                    if precededBySpace, tokens.count > 1, tokens[tokens.count - 2].kind == .encodedWord {
                        tokens[tokens.count - 1].bytes = []
                    }
                    tokens.append(Token(kind: .encodedWord, bytes: Array(text.utf8)))
                    i = next
                    continue
                case .malformed:
                    wordIsWellFormed = false
                case .unterminated:
                    break
                }
            }
            var end = i
            while end < n, !ASCIIByte.isWSP(v[end]) { end += 1 }
            // A word glued to the end of this run starts a token of its own.
            if wordIsWellFormed, scanner.containsWordPattern(from: i, to: end),
               let start = firstWordStart(v, from: i), start > i, start < end {
                end = start
            }
            tokens.append(Token(kind: .text, bytes: Array(v[i..<end])))
            i = end
        }
        var out = [UInt8]()
        out.reserveCapacity(n)
        for t in tokens { out.append(contentsOf: t.bytes) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes one complete encoded word, or returns nil when `word` is not one.
    public static func decodeWord(_ word: String) -> String? {
        let v = Array(word.utf8)
        guard v.count >= 2, v[0] == ASCIIByte.equals, v[1] == ASCIIByte.question,
              case .decoded(let text, let next) = WordScanner(v).scanWord(at: 0), next == v.count else { return nil }
        return text
    }

    private struct Token {
        enum Kind { case whitespace, encodedWord, text }
        var kind: Kind
        var bytes: [UInt8]
    }

    /// Whitespace that a run starting with SP/HT extends over (ASCII controls that
    /// count as white space, as Python's `str.isspace` does).
    private static func isFoldingWhitespace(_ b: UInt8) -> Bool {
        b == ASCIIByte.space || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F)
    }

    private static func firstWordStart(_ v: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 1 < v.count {
            if v[i] == ASCIIByte.equals, v[i + 1] == ASCIIByte.question { return i }
            i += 1
        }
        return nil
    }
}

/// Finds and decodes encoded words in one header value. Tables of the next `?` and
/// the next `?=` from every offset keep each lookup constant-time, so scanning a value
/// full of `=?` fragments stays linear.
private struct WordScanner {
    enum Result {
        case decoded(String, next: Int)
        case malformed
        case unterminated
    }

    let v: [UInt8]
    /// nextQuestion[i]: first index ≥ i holding "?", or v.count.
    private let nextQuestion: [Int]
    /// nextTerminator[i]: first index ≥ i where "?=" starts, or v.count.
    private let nextTerminator: [Int]

    init(_ v: [UInt8]) {
        self.v = v
        var question = [Int](repeating: v.count, count: v.count + 1)
        var terminator = [Int](repeating: v.count, count: v.count + 1)
        var i = v.count - 1
        while i >= 0 {
            let isQuestion = v[i] == ASCIIByte.question
            question[i] = isQuestion ? i : question[i + 1]
            terminator[i] = isQuestion && i + 1 < v.count && v[i + 1] == ASCIIByte.equals ? i : terminator[i + 1]
            i -= 1
        }
        nextQuestion = question
        nextTerminator = terminator
    }

    private func terminator(from i: Int) -> Int? {
        guard i < v.count else { return nil }
        let t = nextTerminator[i]
        return t < v.count ? t : nil
    }

    /// Whether v[from..<to] contains `=?charset?[BbQq]?text?=`.
    func containsWordPattern(from: Int, to: Int) -> Bool {
        var p = from
        while p + 1 < to {
            defer { p += 1 }
            guard v[p] == ASCIIByte.equals, v[p + 1] == ASCIIByte.question else { continue }
            let q = nextQuestion[min(p + 2, v.count)]
            guard q + 2 < to, "bBqQ".utf8.contains(v[q + 1]), v[q + 2] == ASCIIByte.question else { continue }
            if let r = terminator(from: q + 3), r + 1 < to { return true }
        }
        return false
    }

    /// Scans the encoded word that starts at `start` (which holds "=?").
    func scanWord(at start: Int) -> Result {
        let inner = start + 2
        guard var close = terminator(from: inner) else { return .unterminated }
        let firstQ = nextQuestion[inner]                 // < close when the charset ends
        let secondQ = firstQ < close ? nextQuestion[firstQ + 1] : v.count
        // "=?cs?q?=3D…": the first "?=" found was really "?" plus a Q escape.
        if secondQ >= close, close + 3 < v.count,
           ASCIIByte.hexValue(v[close + 2]) != nil, ASCIIByte.hexValue(v[close + 3]) != nil {
            close = terminator(from: close + 2) ?? v.count
        }
        let next = min(close + 2, v.count)
        // Exactly charset "?" encoding "?" text between "=?" and "?=".
        guard firstQ < close, secondQ < close, nextQuestion[secondQ + 1] >= close,
              secondQ == firstQ + 2 else { return .malformed }
        var charsetEnd = firstQ
        // RFC 2231 §5: "charset*language".
        if let star = v[inner..<firstQ].firstIndex(of: 0x2A) { charsetEnd = star }
        let payload = Array(v[(secondQ + 1)..<min(close, v.count)])
        let bytes: [UInt8]
        switch ASCIIByte.lowercased(v[firstQ + 1]) {
        case 0x71: // q
            bytes = QuotedPrintableCodec.decodeEncodedWordText(payload)
        case 0x62: // b
            let (decoded, dangling) = Base64Codec.decodeCounting(payload)
            // One character over a multiple of four cannot be base64: show the text.
            bytes = dangling == 1 ? payload : decoded
        default:
            return .malformed
        }
        let label = String(decoding: v[inner..<charsetEnd], as: UTF8.self)
        return .decoded(CharsetDecoder.decode(bytes, charset: label), next: next)
    }
}
