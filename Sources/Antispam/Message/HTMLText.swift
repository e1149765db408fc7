/// What the scorer needs from an HTML body: its visible text, the links and images it
/// points to, and a few structural counts. A tolerant single pass, not a full HTML
/// parser: tags become spaces, `script`/`style`/comments vanish, entities are decoded.
struct HTMLText: Sendable {
    var text: String = ""
    var links: [String] = []
    var images = 0
    var tags = 0
    /// Tag names seen, lower case (a, font, table…), once each.
    var tagNames: Set<String> = []
    /// Text in elements styled invisible (display:none, font-size 0/1, color white on white).
    var hiddenTextLength = 0
    var forms = 0

    init(_ html: String) {
        let chars = Array(html.unicodeScalars)
        // The text as UTF-8 bytes, made a String once (appending scalar by scalar to a
        // String cost more than the rest of the pass).
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        func put(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { out.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { out.append($0) } }
        }
        var i = 0
        let n = chars.count
        var skipUntil: String?
        var hiddenDepth = 0
        while i < n {
            let c = chars[i]
            if c == "<" {
                // Comment.
                if i + 3 < n, chars[i + 1] == "!", chars[i + 2] == "-", chars[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < n, !(chars[j] == "-" && chars[j + 1] == "-" && chars[j + 2] == ">") { j += 1 }
                    i = min(n, j + 3)
                    continue
                }
                var j = i + 1
                var quote: Unicode.Scalar?
                while j < n {
                    let d = chars[j]
                    if let q = quote { if d == q { quote = nil } } else if d == "\"" || d == "'" { quote = d } else if d == ">" { break }
                    j += 1
                }
                let inside = Self.string(chars[(i + 1)..<min(j, n)])
                i = min(n, j + 1)
                let tag = HTMLTag(inside)
                if let until = skipUntil {
                    if tag.isClosing && tag.name == until { skipUntil = nil }
                    continue
                }
                guard !tag.name.isEmpty else { continue }
                tags += 1
                tagNames.insert(tag.name)
                switch tag.name {
                case "script", "style", "title": if !tag.isClosing { skipUntil = tag.name }
                case "img": images += 1; if let src = tag.attribute("src") { links.append(src) }
                case "a", "area": if let href = tag.attribute("href") { links.append(href) }
                case "form": if !tag.isClosing { forms += 1 }; if let a = tag.attribute("action") { links.append(a) }
                default: break
                }
                if !tag.isClosing, tag.looksHidden { hiddenDepth += 1 } else if tag.isClosing, hiddenDepth > 0, tag.name == "font" || tag.name == "span" || tag.name == "div" || tag.name == "p" { hiddenDepth -= 1 }
                out.append(HTMLTag.blockNames.contains(tag.name) ? 0x0A : 0x20)
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                var j = i + 1
                while j < n, j - i <= 10, chars[j] != ";", chars[j] != " ", chars[j] != "<" { j += 1 }
                if j < n, chars[j] == ";", let decoded = HTMLTag.entity(Self.string(chars[(i + 1)..<j])) {
                    put(decoded)
                    if hiddenDepth > 0 { hiddenTextLength += 1 }
                    i = j + 1
                    continue
                }
            }
            put(c)
            if hiddenDepth > 0, c.isLetterFast { hiddenTextLength += 1 }
            i += 1
        }
        text = String(decoding: out, as: UTF8.self)
    }

    /// Scalars as a String, through UTF-8 bytes (far cheaper than a scalar view's appends).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { bytes.append($0) } }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One tag's name and attributes.
struct HTMLTag {
    var name: String
    var isClosing: Bool
    private var raw: Substring

    static let blockNames: Set<String> = ["br", "p", "div", "tr", "td", "li", "table", "h1", "h2", "h3", "h4", "hr", "blockquote", "pre"]

    init(_ inside: String) {
        var s = Substring(inside)
        isClosing = s.first == "/"
        if isClosing { s = s.dropFirst() }
        let nameEnd = Self.nameEnd(s)
        name = s[s.startIndex..<nameEnd].lowercased()
        raw = s[nameEnd...]
    }

    /// Where the name ends: at the first character that is not a letter, a digit or "!".
    /// ASCII is read byte by byte (an ASCII byte after ASCII letters always starts a
    /// character, and the ASCII characters that are letters or numbers are [A-Za-z0-9]);
    /// anything else by characters, as before.
    private static func nameEnd(_ s: Substring) -> Substring.Index {
        var i = s.utf8.startIndex
        while i < s.utf8.endIndex {
            let b = s.utf8[i]
            guard b < 0x80 else { break }
            let isNameByte = (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x21
            if !isNameByte { return i }
            i = s.utf8.index(after: i)
        }
        if i == s.utf8.endIndex { return s.endIndex }
        return s.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "!") }) ?? s.endIndex
    }

    /// The value of an attribute, quotes removed, or nil.
    func attribute(_ wanted: String) -> String? {
        // ASCII without CR (almost every tag): bytes are characters, so the same search
        // runs on bytes. With CR, "\r\n" is one character; other text may change length
        // when lower-cased.
        if raw.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return asciiAttribute(Array(wanted.utf8)) }
        let lower = raw.lowercased()
        var search = lower.startIndex
        while let r = lower.range(of: wanted, range: search..<lower.endIndex) {
            search = r.upperBound
            let before = r.lowerBound == lower.startIndex ? " " : lower[lower.index(before: r.lowerBound)]
            guard Self.isSpace(before) else { continue }
            var k = r.upperBound
            while k < lower.endIndex, lower[k] == " " { k = lower.index(after: k) }
            guard k < lower.endIndex, lower[k] == "=" else { continue }
            k = lower.index(after: k)
            while k < lower.endIndex, lower[k] == " " { k = lower.index(after: k) }
            // Use the same offsets in the original-case text.
            let offset = lower.distance(from: lower.startIndex, to: k)
            let original = String(raw)
            var idx = original.index(original.startIndex, offsetBy: offset, limitedBy: original.endIndex) ?? original.endIndex
            guard idx < original.endIndex else { return "" }
            let q = original[idx]
            if q == "\"" || q == "'" {
                idx = original.index(after: idx)
                let end = original[idx...].firstIndex(of: q) ?? original.endIndex
                var value = original[idx..<end]
                while let first = value.first, Self.isSpace(first) { value.removeFirst() }
                while let last = value.last, Self.isSpace(last) { value.removeLast() }
                return String(value)
            }
            let end = original[idx...].firstIndex(where: { $0 == ">" || Self.isSpace($0) }) ?? original.endIndex
            return String(original[idx..<end])
        }
        return nil
    }

    /// Space, tab and line ends (CR LF is one character).
    private static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n"
    }

    /// `attribute` over ASCII bytes; `wanted` is lower case.
    private func asciiAttribute(_ wanted: [UInt8]) -> String? {
        let original = Array(raw.utf8)
        let lower = raw.asciiLoweredBytes
        let n = lower.count
        var search = 0
        while let r = lower[search...].firstRange(of: wanted) {
            search = r.upperBound
            if r.lowerBound > 0 {
                let before = lower[r.lowerBound - 1]
                guard before == 0x20 || before == 0x09 || before == 0x0A else { continue }
            }
            var k = r.upperBound
            while k < n, lower[k] == 0x20 { k += 1 }
            guard k < n, lower[k] == 0x3D else { continue }
            k += 1
            while k < n, lower[k] == 0x20 { k += 1 }
            guard k < n else { return "" }
            let q = original[k]
            if q == 0x22 || q == 0x27 {
                var start = k + 1
                var end = original[start...].firstIndex(of: q) ?? n
                while start < end, Self.isTrimmed(original[start]) { start += 1 }
                while end > start, Self.isTrimmed(original[end - 1]) { end -= 1 }
                return String(decoding: original[start..<end], as: UTF8.self)
            }
            let end = original[k...].firstIndex(where: { $0 == 0x20 || $0 == 0x3E || $0 == 0x09 || $0 == 0x0A }) ?? n
            return String(decoding: original[k..<end], as: UTF8.self)
        }
        return nil
    }

    private static func isTrimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }

    /// Styles that make text invisible to the reader but not to a filter.
    var looksHidden: Bool {
        // Every style below has a ':' or '='.
        guard raw.utf8.count > 4, raw.utf8.contains(where: { $0 == 0x3A || $0 == 0x3D }) else { return false }
        let lower = raw.asciiLoweredBytes
        if Self.hidingStyles.contains(where: lower.containsBytes) { return true }
        if name == "font", Self.hidingFontSizes.contains(where: lower.containsBytes) { return true }
        return false
    }

    private static let hidingStyles: [[UInt8]] = [
        "display:none", "display: none", "visibility:hidden", "font-size:0", "font-size: 0", "font-size:1px",
        "color=\"#ffffff\"", "color=#ffffff", "color=\"white\"", "color: #ffffff", "color:#ffffff",
    ].map { Array($0.utf8) }
    private static let hidingFontSizes: [[UInt8]] = ["size=\"1\"", "size=1", "size=\"0\"", "size=0"].map { Array($0.utf8) }

    static func entity(_ name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        }
        if name.hasPrefix("#") { return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init) }
        switch name.lowercased() {
        case "nbsp": return " "
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "copy": return "©"
        case "reg": return "®"
        case "euro": return "€"
        case "pound": return "£"
        default: return nil
        }
    }
}
