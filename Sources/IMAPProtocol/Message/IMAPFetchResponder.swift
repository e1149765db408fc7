import MailCore

/// What the store knows about a message without opening it.
public struct IMAPMessageAttributes: Hashable, Sendable {
    public var uid: UInt32
    /// `\Recent` included when it applies to this session.
    public var flags: [IMAPFlag]
    public var internalDate: IMAPDateTime
    /// RFC822.SIZE: octets of the message as served.
    public var size: UInt64
    public var modSeq: UInt64

    public init(uid: UInt32, flags: [IMAPFlag], internalDate: IMAPDateTime, size: UInt64, modSeq: UInt64 = 0) {
        self.uid = uid
        self.flags = flags
        self.internalDate = internalDate
        self.size = size
        self.modSeq = modSeq
    }
}

/// Builds the items of one FETCH response line from the requested attributes, the
/// message's attributes and (when an attribute needs it) its content.
///
/// The session decides about \Seen: when `attributes.contains(where: \.setsSeen)` on a
/// read-write mailbox and the message was not seen, it sets the flag and passes the new
/// flags here, adding `.flags` to the attributes if the client did not ask for it
/// (RFC 3501 §6.4.5).
public enum IMAPFetchResponder {
    public enum Failure: Error, Hashable, Sendable {
        /// An attribute needs the message content and none was given.
        case contentRequired
        /// BINARY of a part with an unknown transfer encoding: `NO [UNKNOWN-CTE]`.
        case unknownTransferEncoding(part: [UInt32], encoding: String)

        /// The tagged answer for a failed FETCH.
        public func response(tag: String) -> IMAPResponse {
            switch self {
            case .contentRequired:
                return .tagged(tag, .no, code: .serverBug, text: "The message could not be read")
            case .unknownTransferEncoding(let part, let encoding):
                return .tagged(tag, .no, code: .unknownCTE,
                               text: "Part \(part.map(String.init).joined(separator: ".")) has an unknown transfer encoding (\(encoding.prefix(40)))")
            }
        }
    }

    /// `sections` may be nil when no attribute needs the content
    /// (`IMAPFetchAttribute.needsMessageContent`). `envelope` and `bodyStructure` are
    /// cached encodings (from `IMAPResponseEncoder.encodedValue(of:)`) used instead of
    /// parsing when given.
    public static func items(for attributes: [IMAPFetchAttribute], message: IMAPMessageAttributes,
                             sections: IMAPMessageSections?, cachedEnvelope: [UInt8]? = nil,
                             cachedBodyStructure: [UInt8]? = nil) throws(Failure) -> [IMAPFetchResponseItem] {
        var items: [IMAPFetchResponseItem] = []
        items.reserveCapacity(attributes.count)
        func content() throws(Failure) -> IMAPMessageSections {
            guard let sections else { throw .contentRequired }
            return sections
        }
        for attribute in attributes {
            switch attribute {
            case .uid: items.append(.uid(message.uid))
            case .flags: items.append(.flags(message.flags))
            case .internalDate: items.append(.internalDate(message.internalDate))
            case .rfc822Size: items.append(.rfc822Size(message.size))
            case .modSeq: items.append(.modSeq(message.modSeq))
            case .envelope:
                if let cachedEnvelope {
                    items.append(.preEncoded(name: "ENVELOPE", value: cachedEnvelope))
                } else {
                    items.append(.envelope(IMAPEnvelope(message: try content().message)))
                }
            case .bodyStructure:
                if let cachedBodyStructure {
                    items.append(.preEncoded(name: "BODYSTRUCTURE", value: cachedBodyStructure))
                } else {
                    items.append(.bodyStructure(IMAPBodyStructure(message: try content().message)))
                }
            case .body:
                items.append(.body(IMAPBodyStructure(message: try content().message)))
            case .rfc822: items.append(.rfc822(try content().message.bytes[...]))
            case .rfc822Header: items.append(.rfc822Header(try content().header))
            case .rfc822Text: items.append(.rfc822Text(try content().text))
            case .bodySection(let section, let partial, _):
                let data = try content().body(section)
                items.append(.bodySection(section, origin: partial?.offset, data: data.map { slice(of: $0, partial) }))
            case .binary(let part, let partial, _):
                switch try content().binary(part: part) {
                case .success(let data):
                    items.append(.binary(part: part, origin: partial?.offset, data: slice(of: data, partial)))
                case .failure(.noSuchPart):
                    items.append(.binary(part: part, origin: partial?.offset, data: nil))
                case .failure(.unknownTransferEncoding(let name)):
                    throw .unknownTransferEncoding(part: part, encoding: name)
                }
            case .binarySize(let part):
                switch try content().binarySize(part: part) {
                case .success(let size): items.append(.binarySize(part: part, size))
                case .failure(.noSuchPart): items.append(.binarySize(part: part, 0))
                case .failure(.unknownTransferEncoding(let name)): throw .unknownTransferEncoding(part: part, encoding: name)
                }
            }
        }
        return items
    }

    static func slice(of data: ArraySlice<UInt8>, _ partial: IMAPPartial?) -> ArraySlice<UInt8> {
        guard let partial else { return data }
        let r = partial.range(in: data.count)
        return data[(data.startIndex + r.lowerBound)..<(data.startIndex + r.upperBound)]
    }
}
