import MailCore

/// Serves FETCH sections of one message (RFC 3501 §6.4.5, RFC 3516): BODY[section],
/// RFC822.*, BINARY[part] and BINARY.SIZE[part]. Results are slices of the message buffer
/// whenever the section is a contiguous range of it (only HEADER.FIELDS and decoded
/// BINARY data are new arrays), so large messages are not copied.
///
/// Part numbers are resolved exactly as `IMAPBodyStructure` numbers parts: a multipart's
/// parts are 1, 2…; a message that is not multipart has one part, 1, its body; the parts
/// of a message/rfc822 part are those of the message it encapsulates, whose header and
/// text are `n.HEADER` and `n.TEXT`.
public struct IMAPMessageSections: Sendable {
    public let message: Message

    public init(message: Message) {
        self.message = message
    }

    public init(bytes: [UInt8]) {
        self.init(message: Message(bytes: bytes))
    }

    /// Why a BINARY fetch failed.
    public enum BinaryError: Error, Hashable, Sendable {
        /// The part does not exist: answer NIL (or NO).
        case noSuchPart
        /// RFC 3516 §4.3: answer `NO [UNKNOWN-CTE]`.
        case unknownTransferEncoding(String)
    }

    /// The section's octets, nil when the section does not exist in this message (a part
    /// number beyond the structure, HEADER/TEXT of a part that is not message/rfc822):
    /// servers answer NIL. Apply `IMAPPartial.range(in:)` for `<o.n>`.
    public func body(_ section: IMAPSection) -> ArraySlice<UInt8>? {
        let bytes = message.bytes
        guard !section.part.isEmpty else {
            switch section.text {
            case nil: return bytes[...]
            case .mime: return nil
            default: return text(section.text, of: message.root)
            }
        }
        guard let target = resolve(section.part) else { return nil }
        switch section.text {
        case nil:
            return bytes[target.entity.bodyRange]
        case .mime:
            return target.isVirtual ? bytes[target.entity.bodyRange.lowerBound..<target.entity.bodyRange.lowerBound]
                                    : bytes[target.entity.headerRange]
        default:
            guard !target.isVirtual, let inner = encapsulated(target.entity) else { return nil }
            return text(section.text, of: inner)
        }
    }

    /// RFC822.HEADER: BODY.PEEK[HEADER].
    public var header: ArraySlice<UInt8> { message.bytes[message.root.headerRange] }
    /// RFC822.TEXT: BODY[TEXT].
    public var text: ArraySlice<UInt8> { message.bytes[message.root.bodyRange] }

    /// BINARY[part] (RFC 3516 §4.2): the part's body with its content-transfer-encoding
    /// undone. The whole message (empty part), multiparts and message/rfc822 parts are
    /// returned as they are.
    public func binary(part: [UInt32]) -> Result<ArraySlice<UInt8>, BinaryError> {
        guard !part.isEmpty else { return .success(message.bytes[...]) }
        guard let target = resolve(part) else { return .failure(.noSuchPart) }
        let entity = target.entity
        let raw = message.bytes[entity.bodyRange]
        if !target.isVirtual && (entity.isMultipart || entity.contentType.type == "message") { return .success(raw) }
        switch entity.transferEncoding {
        case nil, .sevenBit?, .eightBit?, .binary?:
            return .success(raw)
        case .base64?:
            return .success(Base64Codec.decode(raw)[...])
        case .quotedPrintable?:
            return .success(QuotedPrintableCodec.decode(raw)[...])
        case .uuencode?:
            return .failure(.unknownTransferEncoding("x-uuencode"))
        case .other(let name)?:
            if name.isEmpty { return .success(raw) }
            return .failure(.unknownTransferEncoding(name))
        }
    }

    /// BINARY.SIZE[part]: the size of what `binary(part:)` returns.
    public func binarySize(part: [UInt32]) -> Result<UInt64, BinaryError> {
        binary(part: part).map { UInt64($0.count) }
    }

    // MARK: Resolution

    /// A designated part; `isVirtual` for the single text part of a multipart whose parts
    /// could not be delimited (its body, no MIME header of its own).
    struct Target {
        let entity: MIMEPart
        let isVirtual: Bool
    }

    func resolve(_ numbers: [UInt32]) -> Target? {
        var scope = message.root
        var designated: Target?
        for n in numbers {
            if let d = designated {
                guard !d.isVirtual else { return nil }
                if case .multipart(let children) = d.entity.content, !children.isEmpty {
                    scope = d.entity
                } else if let inner = encapsulated(d.entity) {
                    scope = inner
                } else if d.entity.contentType.isMultipart {
                    scope = d.entity
                } else {
                    return nil
                }
            }
            if case .multipart(let children) = scope.content, !children.isEmpty {
                guard n >= 1, Int(n) <= children.count else { return nil }
                designated = Target(entity: children[Int(n) - 1], isVirtual: false)
            } else if scope.contentType.isMultipart {
                guard n == 1 else { return nil }
                designated = Target(entity: scope, isVirtual: true)
            } else if scope.isMessage {
                guard n == 1 else { return nil }
                designated = Target(entity: scope, isVirtual: false)
            } else {
                return nil
            }
        }
        return designated
    }

    /// The message a message/rfc822 (or message/global) entity encapsulates.
    func encapsulated(_ entity: MIMEPart) -> MIMEPart? {
        guard IMAPBodyStructureBuilder.isEncapsulatedMessage(entity.contentType) else { return nil }
        return entity.encapsulatedMessage
    }

    /// HEADER, HEADER.FIELDS[.NOT] or TEXT of a message entity.
    private func text(_ text: IMAPSection.Text?, of entity: MIMEPart) -> ArraySlice<UInt8>? {
        let bytes = message.bytes
        switch text {
        case .header?: return bytes[entity.headerRange]
        case .text?: return bytes[entity.bodyRange]
        case .headerFields(let names)?: return fields(of: entity, names: names, including: true)
        case .headerFieldsNot(let names)?: return fields(of: entity, names: names, including: false)
        case .mime?, nil: return nil
        }
    }

    /// The selected fields as they appear (folding kept) and the blank line that ends a
    /// header (RFC 3501 §6.4.5).
    private func fields(of entity: MIMEPart, names: [String], including: Bool) -> ArraySlice<UInt8> {
        let wanted = Set(names.map { $0.lowercased() })
        var out: [UInt8] = []
        for field in entity.header where wanted.contains(field.name.lowercased()) == including {
            let raw = message.bytes[field.range]
            out.append(contentsOf: raw)
            if raw.last != 0x0A { out += [0x0D, 0x0A] }
        }
        out += [0x0D, 0x0A]
        return out[...]
    }
}
