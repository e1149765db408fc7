/// A parsed `tag=value` list (RFC 6376 §3.2), used by DKIM-Signature fields and key
/// records. Parsing is strict: a malformed list is rejected as a whole.
struct DKIMTagList: Sendable {
    struct Tag: Sendable {
        /// Case-sensitive (§3.2).
        let name: String
        /// The value without surrounding FWS; FWS inside is kept.
        let value: String
        /// From just after the `=` to the `;` that ends the tag-spec (or the end): what
        /// "deleting the value" of b= removes (§3.7), surrounding whitespace included.
        let valueRange: Range<Int>
    }

    let tags: [Tag]

    /// Enough for any real signature or key record; stops pathological inputs early.
    static let maximumTagCount = 64

    subscript(name: String) -> String? { tags.first { $0.name == name }?.value }
    func tag(_ name: String) -> Tag? { tags.first { $0.name == name } }

    /// Parses `bytes` (a field value or a TXT record). Throws a human-readable reason.
    static func parse(_ bytes: [UInt8]) throws(DKIMTagListError) -> DKIMTagList {
        var tags: [Tag] = []
        var seen = Set<String>()
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: Byte.semicolon) ?? bytes.count
            let spec = bytes[start..<end]
            let isLast = end == bytes.count
            if spec.trimmingFWS().isEmpty {
                // Only the final tag-spec may be empty: `tag-list = tag-spec *(";" tag-spec) [";"]`.
                guard isLast, !tags.isEmpty else { throw DKIMTagListError("empty tag-spec") }
                break
            }
            let tag = try parseSpec(spec)
            guard seen.insert(tag.name).inserted else { throw DKIMTagListError("duplicate tag \(tag.name)=") }
            tags.append(tag)
            guard tags.count <= maximumTagCount else { throw DKIMTagListError("too many tags") }
            if isLast { break }
            start = end + 1
        }
        return DKIMTagList(tags: tags)
    }

    /// `tag-spec = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]`.
    private static func parseSpec(_ spec: ArraySlice<UInt8>) throws(DKIMTagListError) -> Tag {
        var i = spec.startIndex
        while i < spec.endIndex, Byte.isFWS(spec[i]) { i += 1 }
        let nameStart = i
        // tag-name = ALPHA *ALNUMPUNC
        guard i < spec.endIndex, Byte.isAlpha(spec[i]) else { throw DKIMTagListError("bad tag name") }
        while i < spec.endIndex, Byte.isAlpha(spec[i]) || Byte.isDigit(spec[i]) || spec[i] == 0x5F { i += 1 }
        let name = String(decoding: spec[nameStart..<i], as: UTF8.self)
        while i < spec.endIndex, Byte.isFWS(spec[i]) { i += 1 }
        guard i < spec.endIndex, spec[i] == Byte.equals else { throw DKIMTagListError("missing = after tag \(name)") }
        let valueRange = (i + 1)..<spec.endIndex
        let value = spec[valueRange].trimmingFWS()
        // VALCHAR = %x21-3A / %x3C-7E; UTF-8 is let through (§3.2 implementation note).
        for b in value where !(Byte.isFWS(b) || (b >= 0x21 && b != 0x7F && b != Byte.semicolon)) {
            throw DKIMTagListError("invalid character in \(name)= value")
        }
        return Tag(name: name, value: String(decoding: value, as: UTF8.self), valueRange: valueRange)
    }
}

/// Why a tag list was rejected.
struct DKIMTagListError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
