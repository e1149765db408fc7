/// FETCH (and UID FETCH) with its CONDSTORE/QRESYNC modifiers.
public struct IMAPFetchCommand: Hashable, Sendable {
    public var sequenceSet: IMAPSequenceSet
    /// The attributes, macros expanded. UID FETCH always includes `.uid` (RFC 3501
    /// §6.4.8) and CHANGEDSINCE always includes `.modSeq` (RFC 7162 §3.1.4.1): the
    /// parser adds them.
    public var attributes: [IMAPFetchAttribute]
    public var byUID: Bool
    /// `CHANGEDSINCE n` (RFC 7162 §3.1.4.1).
    public var changedSince: UInt64?
    /// `VANISHED` (RFC 7162 §3.2.6): UID FETCH with CHANGEDSINCE only.
    public var vanished: Bool

    public init(sequenceSet: IMAPSequenceSet, attributes: [IMAPFetchAttribute], byUID: Bool,
                changedSince: UInt64? = nil, vanished: Bool = false) {
        self.sequenceSet = sequenceSet
        self.attributes = attributes
        self.byUID = byUID
        self.changedSince = changedSince
        self.vanished = vanished
    }
}

/// A FETCH data item (RFC 3501 §6.4.5, RFC 3516, RFC 7162).
public enum IMAPFetchAttribute: Hashable, Sendable {
    case envelope
    case flags
    case internalDate
    /// Same as BODY[] (sets \Seen).
    case rfc822
    /// Same as BODY.PEEK[HEADER].
    case rfc822Header
    case rfc822Size
    /// Same as BODY[TEXT] (sets \Seen).
    case rfc822Text
    /// BODYSTRUCTURE without extension data.
    case body
    case bodyStructure
    case uid
    case modSeq
    /// `BODY[section]<partial>` or `BODY.PEEK[…]`.
    case bodySection(IMAPSection, partial: IMAPPartial?, peek: Bool)
    /// `BINARY[part]<partial>` or `BINARY.PEEK[…]` (RFC 3516).
    case binary(part: [UInt32], partial: IMAPPartial?, peek: Bool)
    /// `BINARY.SIZE[part]`.
    case binarySize(part: [UInt32])

    /// Whether fetching it sets \Seen on a read-write mailbox (RFC 3501 §6.4.5).
    public var setsSeen: Bool {
        switch self {
        case .rfc822, .rfc822Text: return true
        case .bodySection(_, _, let peek), .binary(_, _, let peek): return !peek
        default: return false
        }
    }

    /// Whether the message content is needed (not just the index).
    public var needsMessageContent: Bool {
        switch self {
        case .flags, .internalDate, .rfc822Size, .uid, .modSeq: return false
        default: return true
        }
    }

    /// `ALL` (RFC 3501 §6.4.5).
    public static let all: [IMAPFetchAttribute] = [.flags, .internalDate, .rfc822Size, .envelope]
    /// `FAST`.
    public static let fast: [IMAPFetchAttribute] = [.flags, .internalDate, .rfc822Size]
    /// `FULL`.
    public static let full: [IMAPFetchAttribute] = [.flags, .internalDate, .rfc822Size, .envelope, .body]
}

/// `section` (RFC 3501 §6.4.5): part numbers then an optional text specifier.
public struct IMAPSection: Hashable, Sendable, CustomStringConvertible {
    public enum Text: Hashable, Sendable {
        case header
        /// Field names as the client sent them (matching is case-insensitive).
        case headerFields([String])
        case headerFieldsNot([String])
        case text
        /// Only after a part number.
        case mime
    }

    /// Part numbers ("1.2" is [1, 2]); empty for the whole message.
    public var part: [UInt32]
    public var text: Text?

    public init(part: [UInt32] = [], text: Text? = nil) {
        self.part = part
        self.text = text
    }

    /// `BODY[]`.
    public static let whole = IMAPSection()

    /// The section-spec as sent back in a FETCH response ("1.2.HEADER.FIELDS (FROM TO)").
    public var description: String {
        var pieces = part.map(String.init)
        switch text {
        case nil: break
        case .header: pieces.append("HEADER")
        case .text: pieces.append("TEXT")
        case .mime: pieces.append("MIME")
        case .headerFields(let names): pieces.append("HEADER.FIELDS (\(IMAPSection.fieldList(names)))")
        case .headerFieldsNot(let names): pieces.append("HEADER.FIELDS.NOT (\(IMAPSection.fieldList(names)))")
        }
        return pieces.joined(separator: ".")
    }

    static func fieldList(_ names: [String]) -> String {
        names.map { name -> String in
            let bytes = Array(name.utf8)
            if !bytes.isEmpty && bytes.allSatisfy(IMAPCharacterClass.isAStringChar) && !IMAPCharacterClass.isNIL(bytes) {
                return name
            }
            return "\"" + name.replacingBackslashesAndQuotes() + "\""
        }.joined(separator: " ")
    }
}

/// `<offset.length>` of a partial fetch.
public struct IMAPPartial: Hashable, Sendable {
    public var offset: UInt32
    public var length: UInt32

    public init(offset: UInt32, length: UInt32) {
        self.offset = offset
        self.length = length
    }

    /// The part of `count` octets it selects.
    public func range(in count: Int) -> Range<Int> {
        let start = min(Int(offset), count)
        let end = min(count, start + Int(length))
        return start..<end
    }
}

extension String {
    /// Escapes `\` and `"` for a quoted string.
    func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for c in unicodeScalars {
            if c == "\\" || c == "\"" { out.unicodeScalars.append("\\") }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
