/// One header field as it appears in the source (RFC 5322 §2.2), folding included.
public struct HeaderField: Sendable, Hashable {
    /// The field name exactly as written (compare with `hasName(_:)`).
    public let name: String
    /// The bytes after the colon up to the end of the field's last line, line breaks of
    /// folded lines included, final line break excluded. Not necessarily UTF-8.
    public let rawValue: [UInt8]
    /// Where the whole field (name, value, final line break) lies in the source buffer.
    public let range: Range<Int>

    public init(name: String, rawValue: [UInt8], range: Range<Int>) {
        self.name = name
        self.rawValue = rawValue
        self.range = range
    }

    public func hasName(_ other: String) -> Bool { name.equalsIgnoringASCIICase(other) }

    /// The value unfolded (RFC 5322 §2.2.3: CR and LF removed, the whitespace after them
    /// kept) with leading blanks of the first line dropped; 8-bit bytes are read as UTF-8
    /// (RFC 6532), invalid sequences becoming U+FFFD. Trailing blanks are kept.
    public var unfoldedValue: String { String(decoding: unfoldedBytes, as: UTF8.self) }

    /// The bytes of `unfoldedValue`, before any UTF-8 interpretation.
    public var unfoldedBytes: [UInt8] {
        var start = 0
        while start < rawValue.count, ASCIIByte.isWSP(rawValue[start]) { start += 1 }
        return rawValue[start...].filter { $0 != ASCIIByte.cr && $0 != ASCIIByte.lf }
    }

    /// The unfolded value with RFC 2047 encoded words decoded, for unstructured fields
    /// such as Subject or Comments.
    public var decodedValue: String { EncodedWordDecoder.decodeUnstructured(bytes: unfoldedBytes) }
}
