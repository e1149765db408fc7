/// The header fields of a message or MIME part, in source order. Lookups are
/// case-insensitive (RFC 5322 §1.2.2).
public struct HeaderFields: Sendable, Hashable, RandomAccessCollection {
    public let fields: [HeaderField]

    public init(_ fields: [HeaderField]) { self.fields = fields }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> HeaderField { fields[position] }

    /// The first field with this name.
    public func first(named name: String) -> HeaderField? {
        fields.first { $0.hasName(name) }
    }

    /// Every field with this name, in order.
    public func all(named name: String) -> [HeaderField] {
        fields.filter { $0.hasName(name) }
    }

    /// The unfolded value of the first field with this name.
    public func value(of name: String) -> String? { first(named: name)?.unfoldedValue }

    /// The decoded (RFC 2047) value of the first field with this name.
    public func decodedValue(of name: String) -> String? { first(named: name)?.decodedValue }
}
