/// Why bytes are not a DNS message. Every malformed input ends in one of these, never in
/// a trap.
public enum DNSDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message ends inside a field.
    case truncated(offset: Int)
    /// Longer than the 65,535 bytes a DNS message can have.
    case messageTooLarge(Int)
    /// A label type other than a plain label or a compression pointer (RFC 6891 §5 retired
    /// the extended types).
    case unsupportedLabelType(offset: Int)
    /// A compression pointer that does not point strictly before the name part it ends:
    /// forward pointers and loops (RFC 1035 §4.1.4 only allows prior occurrences).
    case invalidCompressionPointer(offset: Int)
    /// A name over 255 octets once decompressed (RFC 1035 §2.3.4).
    case nameTooLong(offset: Int)
    /// RDATA whose length does not match its type's layout.
    case invalidRecordData(type: DNSRecordType, offset: Int)
    /// An OPT record that breaks RFC 6891 §6.1.1 (not at the root, or more than one).
    case invalidOPTRecord(offset: Int)
    /// Bytes after the last record the header announced.
    case trailingBytes(offset: Int)

    public var description: String {
        switch self {
        case .truncated(let offset): return "message truncated at byte \(offset)"
        case .messageTooLarge(let size): return "message of \(size) bytes is too large"
        case .unsupportedLabelType(let offset): return "unsupported label type at byte \(offset)"
        case .invalidCompressionPointer(let offset): return "invalid compression pointer at byte \(offset)"
        case .nameTooLong(let offset): return "name longer than 255 octets at byte \(offset)"
        case .invalidRecordData(let type, let offset): return "invalid \(type) data at byte \(offset)"
        case .invalidOPTRecord(let offset): return "invalid OPT record at byte \(offset)"
        case .trailingBytes(let offset): return "unexpected bytes after the last record at byte \(offset)"
        }
    }
}

/// Why a message cannot be written.
public enum DNSEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A TXT character-string over 255 bytes.
    case characterStringTooLong(Int)
    /// RDATA over 65,535 bytes.
    case recordDataTooLong(Int)
    /// More than 65,535 entries in one section.
    case tooManyRecords
    /// The whole message over 65,535 bytes (the TCP length prefix limit).
    case messageTooLarge(Int)

    public var description: String {
        switch self {
        case .characterStringTooLong(let size): return "character-string of \(size) bytes (at most 255)"
        case .recordDataTooLong(let size): return "record data of \(size) bytes (at most 65535)"
        case .tooManyRecords: return "more than 65535 records in a section"
        case .messageTooLarge(let size): return "message of \(size) bytes (at most 65535)"
        }
    }
}
