/// SEARCH (and UID SEARCH) with the ESEARCH return options (RFC 4731).
public struct IMAPSearchCommand: Hashable, Sendable {
    public var byUID: Bool
    /// Upper case; nil when not given. Only UTF-8 and US-ASCII get past the parser.
    public var charset: String?
    /// Nil for a plain SEARCH (answered with `* SEARCH`); otherwise an ESEARCH (answered
    /// with `* ESEARCH`), `RETURN ()` meaning `[.all]` (RFC 4731 §3.1).
    public var returnOptions: [IMAPSearchReturnOption]?
    /// RFC 5267 §4.4 `PARTIAL n:m` among the return options.
    public var partial: IMAPPartialRange?
    /// RFC 5465 §7 `UPDATE (fetch-att …)`: what to FETCH for a new message the updating
    /// search adds.
    public var updateFetchAttributes: [IMAPFetchAttribute] = []
    public var key: IMAPSearchKey

    public init(byUID: Bool, charset: String? = nil, returnOptions: [IMAPSearchReturnOption]? = nil, key: IMAPSearchKey) {
        self.byUID = byUID
        self.charset = charset
        self.returnOptions = returnOptions
        self.key = key
    }
}

/// ESEARCH result options (RFC 4731 §3.1).
public enum IMAPSearchReturnOption: String, Hashable, Sendable, CaseIterable {
    case min = "MIN"
    case max = "MAX"
    case all = "ALL"
    case count = "COUNT"
    /// RFC 5182 SEARCHRES: keep the result for `$`.
    case save = "SAVE"
    /// RFC 5267 §4.2: a hint that the criteria will be used again (accepted, no effect).
    case context = "CONTEXT"
    /// RFC 5267 §4.3: keep the result and send ADDTO/REMOVEFROM as it changes.
    case update = "UPDATE"

    /// CONTEXT and UPDATE ask for no result data (RFC 5267 §4.1: return specifiers do not
    /// interact).
    public var returnsData: Bool { self != .context && self != .update }
}

/// `PARTIAL first:last` (RFC 5267 §4.4): 1-based positions in the result, or counted from
/// its end when negative (`-1:-100`, the last hundred).
public struct IMAPPartialRange: Hashable, Sendable, CustomStringConvertible {
    public var first: Int32
    public var last: Int32

    public init(first: Int32, last: Int32) {
        self.first = min(first, last)
        self.last = max(first, last)
        if first < 0 {
            self.first = max(first, last)
            self.last = min(first, last)
        }
    }

    public var description: String { "\(first):\(last)" }

    /// The elements of `result` the range selects, in the result's order.
    public func select<T>(_ result: [T]) -> [T] {
        let n = result.count
        let lo: Int, hi: Int
        if first > 0 {
            lo = Int(first) - 1
            hi = min(n, Int(last))
        } else {
            // -1 is the last element; -1:-3 the last three.
            lo = max(0, n + Int(last))
            hi = n + Int(first) + 1
        }
        guard lo < hi, lo < n else { return [] }
        return Array(result[lo..<hi])
    }
}

/// A search criterion (RFC 3501 §6.4.4, MODSEQ of RFC 7162 §3.1.5, OLDER/YOUNGER of
/// RFC 5032). A list of keys is their conjunction.
public indirect enum IMAPSearchKey: Hashable, Sendable {
    case all
    case answered, deleted, draft, flagged, new, old, recent, seen
    case unanswered, undeleted, undraft, unflagged, unseen
    case keyword(IMAPFlag)
    case unkeyword(IMAPFlag)
    case bcc(String)
    case body(String)
    case cc(String)
    case from(String)
    case subject(String)
    case text(String)
    case to(String)
    /// HEADER field-name string; an empty string matches every message with the field.
    case header(field: String, value: String)
    /// Internal date, date only.
    case before(IMAPDate)
    case on(IMAPDate)
    case since(IMAPDate)
    /// Date header, date only.
    case sentBefore(IMAPDate)
    case sentOn(IMAPDate)
    case sentSince(IMAPDate)
    /// RFC822.SIZE larger / smaller than.
    case larger(UInt64)
    case smaller(UInt64)
    case uid(IMAPSequenceSet)
    case sequenceNumbers(IMAPSequenceSet)
    case not(IMAPSearchKey)
    case or(IMAPSearchKey, IMAPSearchKey)
    case and([IMAPSearchKey])
    /// MODSEQ [entry-name entry-type] n: messages whose mod-sequence is at least n.
    case modSeq(UInt64, entry: IMAPModSeqEntry?)
    /// Internal date at most / more than this many seconds ago (RFC 5032).
    case older(UInt32)
    case younger(UInt32)

    /// Whether evaluating it needs the message content (header or body).
    public var needsMessageContent: Bool {
        switch self {
        case .bcc, .body, .cc, .from, .subject, .text, .to, .header, .sentBefore, .sentOn, .sentSince: return true
        case .not(let k): return k.needsMessageContent
        case .or(let a, let b): return a.needsMessageContent || b.needsMessageContent
        case .and(let keys): return keys.contains { $0.needsMessageContent }
        default: return false
        }
    }

    /// Whether evaluating it needs the body (BODY, TEXT); when only `needsMessageContent`
    /// holds, a message parsed from the header alone is enough.
    public var needsMessageBody: Bool {
        switch self {
        case .body, .text: return true
        case .not(let k): return k.needsMessageBody
        case .or(let a, let b): return a.needsMessageBody || b.needsMessageBody
        case .and(let keys): return keys.contains { $0.needsMessageBody }
        default: return false
        }
    }

    /// Whether it contains a MODSEQ criterion (the SEARCH response then carries
    /// `(MODSEQ n)`, RFC 7162 §3.1.5).
    public var mentionsModSeq: Bool {
        switch self {
        case .modSeq: return true
        case .not(let k): return k.mentionsModSeq
        case .or(let a, let b): return a.mentionsModSeq || b.mentionsModSeq
        case .and(let keys): return keys.contains { $0.mentionsModSeq }
        default: return false
        }
    }
}

/// The metadata item of a MODSEQ search criterion (RFC 7162 §3.1.5).
public struct IMAPModSeqEntry: Hashable, Sendable {
    /// "/flags/\\draft"…
    public var name: String
    /// "priv", "shared" or "all".
    public var type: String

    public init(name: String, type: String) {
        self.name = name
        self.type = type
    }
}
