import MailCore

/// A message as DKIM sees it: CRLF line ends (see `LineEndings`), its header fields in
/// order and its body. Only the top-level header matters, so the MIME structure is
/// not parsed.
struct DKIMMessage: Sendable {
    let bytes: [UInt8]
    let fields: [HeaderField]
    /// `fields` names in lower case, for `h=` matching.
    let lowercasedNames: [String]
    let bodyRange: Range<Int>

    init(_ original: [UInt8]) {
        bytes = LineEndings.crlfNormalized(original)
        // Depth 0: the top-level entity stays a leaf whatever its type.
        let message = Message(bytes: bytes, limits: MIMEParserLimits(maximumDepth: 0, maximumParts: 1))
        fields = message.header.fields
        lowercasedNames = fields.map { $0.name.asciiLowercased }
        bodyRange = message.bodyRange
    }

    var body: ArraySlice<UInt8> { bytes[bodyRange] }

    /// The field as written, without the line break that ends it.
    func fieldBytes(_ field: HeaderField) -> ArraySlice<UInt8> {
        var end = field.range.upperBound
        if end > field.range.lowerBound, bytes[end - 1] == Byte.lf { end -= 1 }
        if end > field.range.lowerBound, bytes[end - 1] == Byte.cr { end -= 1 }
        return bytes[field.range.lowerBound..<end]
    }

    /// The fields `h=` designates, in `h=` order: for each name, the last instance not
    /// yet used, going up from the bottom; names with no instance left contribute
    /// nothing (RFC 6376 §5.4.2). `excluded` (the signature being verified) is skipped.
    func selectFields(_ names: [String], excluding excluded: Int? = nil) -> [HeaderField] {
        var used = Set<Int>()
        if let excluded { used.insert(excluded) }
        var selected: [HeaderField] = []
        for name in names {
            var index = fields.count - 1
            while index >= 0 {
                if !used.contains(index), lowercasedNames[index] == name {
                    used.insert(index)
                    selected.append(fields[index])
                    break
                }
                index -= 1
            }
        }
        return selected
    }

    /// What the header hash covers (RFC 6376 §3.7): the selected fields canonicalized,
    /// then the signature field (its `b=` value deleted) canonicalized without its CRLF.
    func headerHashInput(signedHeaders: [String], signatureField: [UInt8], algorithm: DKIMCanonicalization,
                         excluding excluded: Int? = nil) -> [UInt8] {
        var input: [UInt8] = []
        for field in selectFields(signedHeaders, excluding: excluded) {
            input.append(contentsOf: DKIMHeaderCanonicalizer.canonicalize(fieldBytes(field), algorithm))
        }
        let own = DKIMHeaderCanonicalizer.canonicalize(signatureField, algorithm)
        input.append(contentsOf: own.dropLast(2))
        return input
    }
}
