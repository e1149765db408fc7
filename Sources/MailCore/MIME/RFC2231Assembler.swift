/// Joins RFC 2231 parameter continuations (`name*0*=…; name*1=…`) and decodes
/// extended values (`name*=charset'language'%XX…`).
enum RFC2231Assembler {
    private struct Segment {
        var index: Int
        var extended: Bool
        var value: [UInt8]
    }

    static func assemble(_ raw: [RawParameter]) -> [MIMEParameter] {
        var order: [String] = []
        var plain: [String: [UInt8]] = [:]
        var segments: [String: [Segment]] = [:]
        for p in raw {
            let (base, index, extended) = split(p.name)
            if plain[base] == nil, segments[base] == nil { order.append(base) }
            if let index {
                segments[base, default: []].append(Segment(index: index, extended: extended, value: p.value))
            } else if plain[base] == nil {
                plain[base] = p.value
            }
        }
        return order.map { name in
            // The RFC 2231 form wins over a plain duplicate: it carries the charset,
            // and senders add the plain one only for old readers.
            if var parts = segments[name] {
                parts.sort { $0.index < $1.index }
                return decode(name: name, parts)
            }
            let bytes = plain[name] ?? []
            return MIMEParameter(name: name, value: String(decoding: bytes, as: UTF8.self),
                                 charset: nil, language: nil, plainBytes: bytes)
        }
    }

    /// `filename*1*` → ("filename", 1, true); `filename*` → ("filename", 0, true);
    /// a name without RFC 2231 syntax → (name, nil, false).
    private static func split(_ name: String) -> (String, Int?, Bool) {
        guard let star = name.firstIndex(of: "*"), star != name.startIndex else { return (name, nil, false) }
        let base = String(name[..<star])
        var rest = name[name.index(after: star)...]
        let extended = rest.hasSuffix("*") || rest.isEmpty
        if rest.hasSuffix("*") { rest = rest.dropLast() }
        if rest.isEmpty { return (base, 0, extended) }
        guard rest.count <= 4, rest.allSatisfy({ ("0"..."9").contains($0) }), let n = Int(rest) else { return (name, nil, false) }
        return (base, n, extended)
    }

    private static func decode(name: String, _ parts: [Segment]) -> MIMEParameter {
        var bytes: [UInt8] = []
        var charset: String?
        var language: String?
        for (position, part) in parts.enumerated() {
            var value = part.value[...]
            if part.extended {
                // RFC 2231 §4: only the first segment carries charset'language'.
                if position == 0 {
                    let ticks = value.indices.filter { value[$0] == 0x27 }
                    if ticks.count >= 2 {
                        charset = String(decoding: value[..<ticks[0]], as: UTF8.self)
                        language = String(decoding: value[(ticks[0] + 1)..<ticks[1]], as: UTF8.self)
                        value = value[(ticks[1] + 1)...]
                    }
                }
                bytes.append(contentsOf: percentDecoded(value))
            } else {
                bytes.append(contentsOf: value)
            }
        }
        let text = CharsetDecoder.decode(bytes, charset: charset.flatMap { $0.isEmpty ? nil : $0 })
        return MIMEParameter(name: name, value: text,
                             charset: charset.flatMap { $0.isEmpty ? nil : $0.asciiLowercased },
                             language: language.flatMap { $0.isEmpty ? nil : $0 }, plainBytes: nil)
    }

    /// `%XX` to bytes; a `%` without two hex digits is kept.
    static func percentDecoded(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == 0x25, i + 2 < s.endIndex,
               let h = ASCIIByte.hexValue(s[i + 1]), let l = ASCIIByte.hexValue(s[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }
}
