/// A response a client receives (RFC 3501 §7), parsed by `IMAPClientResponseParser`.
public enum IMAPClientResponse: Sendable, Hashable {
    /// `+ text`: the server waits for the rest of a command or a SASL answer.
    case continuation(String)
    /// The completion of the command carrying `tag`.
    case tagged(tag: String, IMAPClientStatus)
    case untagged(IMAPClientUntagged)
}

/// A status response: `OK`, `NO`, `BAD` (tagged or untagged), `PREAUTH`, `BYE`.
public struct IMAPClientStatus: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case ok = "OK", no = "NO", bad = "BAD", preauth = "PREAUTH", bye = "BYE"
    }

    public var kind: Kind
    public var code: IMAPClientResponseCode?
    public var text: String

    public init(kind: Kind, code: IMAPClientResponseCode? = nil, text: String = "") {
        self.kind = kind
        self.code = code
        self.text = text
    }

    /// "NO [CODE] text", for error messages.
    public var summary: String {
        var parts = [kind.rawValue]
        if let code { parts.append("[\(code.name)]") }
        if !text.isEmpty { parts.append(text) }
        return parts.joined(separator: " ")
    }
}

/// The bracketed response code of a status response (RFC 3501 §7.1, RFC 4315, RFC 7162).
public enum IMAPClientResponseCode: Sendable, Hashable {
    case uidValidity(UInt32)
    case uidNext(UInt32)
    case appendUID(uidValidity: UInt32, uid: UInt32)
    case copyUID(uidValidity: UInt32, source: String, destination: String)
    case permanentFlags([String])
    case capability([String])
    case highestModSeq(UInt64)
    case readOnly
    case readWrite
    case other(name: String, text: String)

    public var name: String {
        switch self {
        case .uidValidity: return "UIDVALIDITY"
        case .uidNext: return "UIDNEXT"
        case .appendUID: return "APPENDUID"
        case .copyUID: return "COPYUID"
        case .permanentFlags: return "PERMANENTFLAGS"
        case .capability: return "CAPABILITY"
        case .highestModSeq: return "HIGHESTMODSEQ"
        case .readOnly: return "READ-ONLY"
        case .readWrite: return "READ-WRITE"
        case let .other(name, _): return name
        }
    }
}

/// Untagged data.
public enum IMAPClientUntagged: Sendable, Hashable {
    case status(IMAPClientStatus)
    case capability([String])
    case list(IMAPClientListEntry)
    case lsub(IMAPClientListEntry)
    /// `* STATUS mailbox (ITEM n …)`; item names upper-cased.
    case mailboxStatus(mailbox: String, items: [String: UInt64])
    /// `* SEARCH n…` (UIDs after UID SEARCH).
    case search([UInt32])
    case flags([String])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    case fetch(IMAPClientFetch)
    /// `* NAMESPACE`: the personal namespaces as (prefix, delimiter) (RFC 2342).
    case namespace(personal: [IMAPClientNamespace])
    /// Anything else (ENABLED, ID, ESEARCH, VANISHED…), as its name and raw text.
    case other(name: String, text: String)
}

public struct IMAPClientNamespace: Sendable, Hashable {
    public var prefix: String
    public var delimiter: String?
    public init(prefix: String, delimiter: String?) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}

/// One `* LIST` or `* LSUB` line (RFC 3501 §7.2.2, RFC 6154 special-use attributes).
public struct IMAPClientListEntry: Sendable, Hashable {
    /// Attributes as sent (`\HasChildren`, `\Sent`…).
    public var attributes: [String]
    /// The hierarchy delimiter, nil for a flat server (`NIL`).
    public var delimiter: String?
    /// The name as sent: modified UTF-7 unless UTF8=ACCEPT was enabled.
    public var name: String

    public init(attributes: [String], delimiter: String?, name: String) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }

    public func has(_ attribute: String) -> Bool {
        attributes.contains { $0.caseInsensitiveCompare(attribute) == .orderedSame }
    }
}

/// The items of one `* n FETCH (…)` response that a client uses.
public struct IMAPClientFetch: Sendable, Hashable {
    public var sequenceNumber: UInt32
    public var uid: UInt32?
    public var flags: [String]?
    public var internalDate: IMAPDateTime?
    public var size: UInt64?
    public var modSeq: UInt64?
    /// Body sections by their section text as sent, e.g. "" for `BODY[]`,
    /// "HEADER.FIELDS (MESSAGE-ID)"; `RFC822` is stored as "", `RFC822.HEADER` as "HEADER".
    public var sections: [String: [UInt8]]

    public init(sequenceNumber: UInt32, uid: UInt32? = nil, flags: [String]? = nil, internalDate: IMAPDateTime? = nil,
                size: UInt64? = nil, modSeq: UInt64? = nil, sections: [String: [UInt8]] = [:]) {
        self.sequenceNumber = sequenceNumber
        self.uid = uid
        self.flags = flags
        self.internalDate = internalDate
        self.size = size
        self.modSeq = modSeq
        self.sections = sections
    }

    /// The whole message (`BODY[]`, `BODY.PEEK[]`, `RFC822`).
    public var body: [UInt8]? { sections[""] }
}
