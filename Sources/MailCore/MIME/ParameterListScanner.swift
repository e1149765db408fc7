/// A `name=value` pair as written, before RFC 2231 processing.
struct RawParameter {
    /// Lower-cased attribute, RFC 2231 suffixes still attached (`filename*0*`).
    var name: String
    /// The value with quoting removed.
    var value: [UInt8]
}

/// Splits a parameter list (`; a=b; c="d;e"`) into raw pairs. Lenient the way mail
/// readers are: comments (RFC 822 §3.4.3) before names and values are skipped, an
/// unquoted value runs to the next `;` (so `name=my file.txt` survives), text after a
/// closing quote is ignored, an unterminated quote runs to the end, and attributes
/// without `=` are dropped.
enum ParameterListScanner {
    static func scan(_ v: [UInt8]) -> [RawParameter] {
        var result: [RawParameter] = []
        var i = 0
        let n = v.count
        while i < n {
            let b = v[i]
            if b == ASCIIByte.semicolon || ASCIIByte.isWSP(b) || b == ASCIIByte.cr || b == ASCIIByte.lf {
                i += 1
                continue
            }
            if b == ASCIIByte.leftParen {
                i = skipComment(v, from: i)
                continue
            }
            // Attribute: up to "=" or ";".
            var j = i
            while j < n, v[j] != ASCIIByte.equals, v[j] != ASCIIByte.semicolon { j += 1 }
            guard j < n, v[j] == ASCIIByte.equals else {
                i = j
                continue
            }
            let name = String(decoding: trimmed(v[i..<j]), as: UTF8.self).asciiLowercased
            j += 1
            // Optional whitespace and comments before the value.
            while j < n {
                if ASCIIByte.isWSP(v[j]) || v[j] == ASCIIByte.cr || v[j] == ASCIIByte.lf {
                    j += 1
                } else if v[j] == ASCIIByte.leftParen {
                    j = skipComment(v, from: j)
                } else {
                    break
                }
            }
            var value: [UInt8] = []
            if j < n, v[j] == ASCIIByte.quote {
                j += 1
                while j < n, v[j] != ASCIIByte.quote {
                    if v[j] == ASCIIByte.backslash, j + 1 < n {
                        j += 1
                    }
                    value.append(v[j])
                    j += 1
                }
                // Skip the closing quote and anything up to the next ";".
                while j < n, v[j] != ASCIIByte.semicolon { j += 1 }
            } else {
                let start = j
                while j < n, v[j] != ASCIIByte.semicolon { j += 1 }
                value = Array(trimmed(v[start..<j]))
            }
            if !name.isEmpty, !name.utf8.contains(where: { ASCIIByte.isWSP($0) }) {
                result.append(RawParameter(name: name, value: value))
            }
            i = j
        }
        return result
    }

    /// Index just after the comment that starts at `start` (nested, with quoted pairs).
    static func skipComment(_ v: [UInt8], from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < v.count {
            switch v[i] {
            case ASCIIByte.backslash: i += 1
            case ASCIIByte.leftParen: depth += 1
            case ASCIIByte.rightParen:
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return v.count
    }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank: (UInt8) -> Bool = { ASCIIByte.isWSP($0) || $0 == ASCIIByte.cr || $0 == ASCIIByte.lf }
        guard let first = s.firstIndex(where: { !isBlank($0) }) else { return [] }
        let last = s.lastIndex(where: { !isBlank($0) })!
        return s[first...last]
    }
}
