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
    /// `* THREAD (…)(…)` (RFC 5256 §4).
    case thread([IMAPThreadNode])
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
    /// `* GENURLAUTH url…` and `* URLFETCH (url nstring)…` (RFC 4467 §8).
    case genURLAuth([String])
    case urlFetch([IMAPURLFetchItem])
}
