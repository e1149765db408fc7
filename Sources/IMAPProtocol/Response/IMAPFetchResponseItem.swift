/// One item of an untagged FETCH response (RFC 3501 §7.4.2).
public enum IMAPFetchResponseItem: Hashable, Sendable {
    case uid(UInt32)
    /// `\Recent` included when it applies.
    case flags([IMAPFlag])
    case internalDate(IMAPDateTime)
    case rfc822Size(UInt64)
    case envelope(IMAPEnvelope)
    /// BODY: the structure without extension data.
    case body(IMAPBodyStructure)
    case bodyStructure(IMAPBodyStructure)
    case modSeq(UInt64)
    /// `BODY[section]<origin>` followed by the data (nil: NIL). `origin` is the partial
    /// offset when one was asked (RFC 3501 §7.4.2: "BODY[]<0>").
    case bodySection(IMAPSection, origin: UInt32?, data: ArraySlice<UInt8>?)
    /// `BINARY[part]<origin>` (RFC 3516 §4.2): sent as `~{n}` when it holds a NUL.
    case binary(part: [UInt32], origin: UInt32?, data: ArraySlice<UInt8>?)
    case binarySize(part: [UInt32], UInt64)
    case rfc822(ArraySlice<UInt8>?)
    case rfc822Header(ArraySlice<UInt8>?)
    case rfc822Text(ArraySlice<UInt8>?)
    /// An item whose value was encoded earlier, e.g. an ENVELOPE or BODYSTRUCTURE cached
    /// by the store as `IMAPResponseEncoder.encodedValue(of:)` produced it: written as
    /// `name value`.
    case preEncoded(name: String, value: [UInt8])
}
