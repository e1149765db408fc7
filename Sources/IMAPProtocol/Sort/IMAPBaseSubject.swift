import MailCore

/// Base subject extraction (RFC 5256 §2.1), used by SORT SUBJECT (and by threading).
public enum IMAPBaseSubject {
    /// The base subject of a raw Subject field value (RFC 2047 words still encoded).
    public static func extract(fromRawValue raw: [UInt8]) -> String {
        extract(EncodedWordDecoder.decodeUnstructured(bytes: raw))
    }

    /// The base subject of a decoded subject.
    public static func extract(_ decoded: String) -> String {
        // (1) Tabs and continuations to spaces, runs of spaces to one.
        var s: [Unicode.Scalar] = []
        for scalar in decoded.unicodeScalars {
            let c: Unicode.Scalar = (scalar == "\t" || scalar == "\r" || scalar == "\n") ? " " : scalar
            if c == " ", s.last == " " { continue }
            s.append(c)
        }
        while true {
            // (2) Trailers: "(fwd)" and white space, repeatedly.
            while true {
                if s.last == " " {
                    s.removeLast()
                } else if hasSuffix(s, "(fwd)") {
                    s.removeLast(5)
                } else {
                    break
                }
            }
            // (3)–(5) Leaders and blobs, repeatedly.
            while true {
                if s.first == " " {
                    s.removeFirst()
                    continue
                }
                if let end = leaderEnd(s) {
                    s.removeFirst(end)
                    continue
                }
                if let end = blobEnd(s, from: 0), s[end...].contains(where: { $0 != " " }) {
                    s.removeFirst(end)
                    continue
                }
                break
            }
            // (6) "[fwd: … ]".
            if hasPrefix(s, "[fwd:"), s.last == "]" {
                s = Array(s[5..<(s.count - 1)])
                continue
            }
            break
        }
        return String(String.UnicodeScalarView(s))
    }

    /// `subj-blob = "[" *BLOBCHAR "]" *WSP` starting at `start`: the index after it.
    static func blobEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < s.count, s[start] == "[" else { return nil }
        var i = start + 1
        while i < s.count, s[i] != "[", s[i] != "]" { i += 1 }
        guard i < s.count, s[i] == "]" else { return nil }
        i += 1
        while i < s.count, s[i] == " " { i += 1 }
        return i
    }

    /// `*subj-blob subj-refwd`, with `subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"`.
    static func leaderEnd(_ s: [Unicode.Scalar]) -> Int? {
        var i = 0
        while let next = blobEnd(s, from: i) { i = next }
        if matches(s, at: i, "re") {
            i += 2
        } else if matches(s, at: i, "fwd") {
            i += 3
        } else if matches(s, at: i, "fw") {
            i += 2
        } else {
            return nil
        }
        while i < s.count, s[i] == " " { i += 1 }
        if let next = blobEnd(s, from: i) { i = next }
        guard i < s.count, s[i] == ":" else { return nil }
        return i + 1
    }

    private static func matches(_ s: [Unicode.Scalar], at i: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= s.count else { return false }
        for (k, c) in w.enumerated() {
            let x = s[i + k]
            let lower = (x.value >= 0x41 && x.value <= 0x5A) ? Unicode.Scalar(UInt8(x.value + 0x20)) : x
            if lower != c { return false }
        }
        return true
    }

    private static func hasPrefix(_ s: [Unicode.Scalar], _ word: String) -> Bool { matches(s, at: 0, word) }

    private static func hasSuffix(_ s: [Unicode.Scalar], _ word: String) -> Bool {
        let n = word.unicodeScalars.count
        return s.count >= n && matches(s, at: s.count - n, word)
    }
}
