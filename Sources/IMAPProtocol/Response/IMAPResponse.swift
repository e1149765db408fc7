/// A server response (RFC 3501 §7), to be turned into bytes by `IMAPResponseEncoder`.
public enum IMAPResponse: Hashable, Sendable {
    /// `tag OK|NO|BAD [code] text`: the end of a command.
    case tagged(String, IMAPStatus, code: IMAPResponseCode?, text: String)
    /// `* …`: data or a condition.
    case untagged(IMAPUntaggedResponse)
    /// `+ text`: go on (literal, IDLE).
    case continuation(String)
    /// `+ base64`: a SASL challenge (RFC 3501 §6.2.2); empty data gives "+ ".
    case continuationData([UInt8])
}

/// Status of a tagged response.
public enum IMAPStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
}

/// Status of an untagged condition (RFC 3501 §7.1).
public enum IMAPConditionStatus: String, Hashable, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    /// Greeting of a pre-authenticated connection.
    case preauth = "PREAUTH"
    /// The server is closing the connection.
    case bye = "BYE"
}

/// Untagged server data (RFC 3501 §7.2–7.4 and the extensions).
public enum IMAPUntaggedResponse: Hashable, Sendable {
    /// `* OK|NO|BAD|PREAUTH|BYE [code] text`.
    case condition(IMAPConditionStatus, code: IMAPResponseCode?, text: String)
    case capability([String])
    case list(IMAPListItem)
    case lsub(IMAPListItem)
    case status(IMAPMailboxName, [IMAPStatusValue])
    case flags([IMAPFlag])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// `* VANISHED [(EARLIER)] uids` (RFC 7162 §3.2.10).
    case vanished(IMAPNumberSet, earlier: Bool)
    case fetch(UInt32, [IMAPFetchResponseItem])
    /// `* SEARCH n…` with the RFC 7162 `(MODSEQ n)` when given.
    case search([UInt32], modSeq: UInt64?)
    case esearch(IMAPESearchResponse)
    /// `* SORT n…` (RFC 5256), `(MODSEQ n)` as for SEARCH.
    case sort([UInt32], modSeq: UInt64?)
    case namespace(IMAPNamespaceResponse)
    /// `* ID (…)` or `* ID NIL` (RFC 2971).
    case id([IMAPIDField]?)
    /// `* ENABLED …` (RFC 5161).
    case enabled([String])
    /// RFC 4314 §3.6–3.8.
    case acl(IMAPMailboxName, [IMAPACLEntry])
    case listRights(IMAPMailboxName, identifier: String, required: String, optional: [String])
    case myRights(IMAPMailboxName, rights: String)
    /// RFC 9208 §5.1–5.2.
    case quota(root: String, [IMAPQuotaResource])
    case quotaRoot(IMAPMailboxName, roots: [String])
}

/// A LIST or LSUB line.
public struct IMAPListItem: Hashable, Sendable {
    /// `\HasNoChildren`, `\Noselect`, `\Sent`, `\Subscribed`…
    public var attributes: [String]
    /// Nil only for a flat namespace; Postino uses "/".
    public var delimiter: Character?
    public var name: IMAPMailboxName
    /// CHILDINFO extended data (RFC 5258 §4): e.g. ["SUBSCRIBED"].
    public var childInfo: [String]?
    /// OLDNAME extended data (RFC 9051 §7.3.1).
    public var oldName: IMAPMailboxName?

    public init(attributes: [String], delimiter: Character? = IMAPMailboxName.delimiter, name: IMAPMailboxName,
                childInfo: [String]? = nil, oldName: IMAPMailboxName? = nil) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
        self.childInfo = childInfo
        self.oldName = oldName
    }
}

/// One STATUS item; nil is sent as NIL (APPENDLIMIT without a limit, RFC 7889 §3).
public struct IMAPStatusValue: Hashable, Sendable {
    public var attribute: IMAPStatusAttribute
    public var value: UInt64?

    public init(_ attribute: IMAPStatusAttribute, _ value: UInt64?) {
        self.attribute = attribute
        self.value = value
    }
}

/// `* ESEARCH` (RFC 4731 §3.1); absent items are omitted (MIN/MAX/ALL when nothing
/// matched).
public struct IMAPESearchResponse: Hashable, Sendable {
    /// The tag of the command it answers.
    public var tag: String?
    public var byUID: Bool
    public var min: UInt32?
    public var max: UInt32?
    public var all: IMAPNumberSet?
    public var count: UInt32?
    /// RFC 7162 §3.1.5.
    public var modSeq: UInt64?

    public init(tag: String?, byUID: Bool, min: UInt32? = nil, max: UInt32? = nil, all: IMAPNumberSet? = nil,
                count: UInt32? = nil, modSeq: UInt64? = nil) {
        self.tag = tag
        self.byUID = byUID
        self.min = min
        self.max = max
        self.all = all
        self.count = count
        self.modSeq = modSeq
    }

    /// The answer to `options` for the matching numbers (ascending).
    public init(tag: String?, byUID: Bool, options: [IMAPSearchReturnOption], matches: [UInt32], modSeq: UInt64? = nil) {
        let wanted = options.isEmpty ? [.all] : options
        self.init(tag: tag, byUID: byUID)
        if wanted.contains(.min) { min = matches.min() }
        if wanted.contains(.max) { max = matches.max() }
        if wanted.contains(.all), !matches.isEmpty { all = IMAPNumberSet(matches) }
        if wanted.contains(.count) { count = UInt32(clamping: matches.count) }
        self.modSeq = matches.isEmpty ? nil : modSeq
    }
}

/// `* NAMESPACE personal other shared` (RFC 2342 §5).
public struct IMAPNamespaceResponse: Hashable, Sendable {
    public var personal: [IMAPNamespace]
    public var otherUsers: [IMAPNamespace]
    public var shared: [IMAPNamespace]

    public init(personal: [IMAPNamespace], otherUsers: [IMAPNamespace] = [], shared: [IMAPNamespace] = []) {
        self.personal = personal
        self.otherUsers = otherUsers
        self.shared = shared
    }
}

public struct IMAPNamespace: Hashable, Sendable {
    /// Wire form ("", "Shared/").
    public var prefix: String
    public var delimiter: Character?

    public init(prefix: String, delimiter: Character? = IMAPMailboxName.delimiter) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}

/// An identifier and its rights (RFC 4314 §3.6).
public struct IMAPACLEntry: Hashable, Sendable {
    public var identifier: String
    public var rights: String

    public init(identifier: String, rights: String) {
        self.identifier = identifier
        self.rights = rights
    }
}

/// Usage and limit of one quota resource (RFC 9208 §5.1).
public struct IMAPQuotaResource: Hashable, Sendable {
    /// Upper case ("STORAGE" in units of 1024 octets, "MESSAGE"…).
    public var name: String
    public var usage: UInt64
    public var limit: UInt64

    public init(name: String, usage: UInt64, limit: UInt64) {
        self.name = name
        self.usage = usage
        self.limit = limit
    }
}
