/// Capability names (RFC 3501 §7.2.1 and the extensions Postino implements) and the
/// mailbox attributes of LIST responses, so that the session spells them one way.
public enum IMAPCapability {
    public static let imap4rev1 = "IMAP4rev1"
    public static let imap4rev2 = "IMAP4rev2"
    public static let startTLS = "STARTTLS"
    public static let loginDisabled = "LOGINDISABLED"
    public static let saslIR = "SASL-IR"
    public static let literalPlus = "LITERAL+"
    public static let idle = "IDLE"
    public static let uidPlus = "UIDPLUS"
    public static let move = "MOVE"
    public static let specialUse = "SPECIAL-USE"
    public static let createSpecialUse = "CREATE-SPECIAL-USE"
    public static let namespace = "NAMESPACE"
    public static let id = "ID"
    public static let enable = "ENABLE"
    public static let condStore = "CONDSTORE"
    public static let qResync = "QRESYNC"
    public static let acl = "ACL"
    public static let rights = "RIGHTS=texk"
    public static let quota = "QUOTA"
    public static let quotaResStorage = "QUOTA=RES-STORAGE"
    public static let quotaResMessage = "QUOTA=RES-MESSAGE"
    public static let sort = "SORT"
    public static let sortDisplay = "SORT=DISPLAY"
    public static let esearch = "ESEARCH"
    public static let listExtended = "LIST-EXTENDED"
    public static let listStatus = "LIST-STATUS"
    public static let binary = "BINARY"
    public static let unselect = "UNSELECT"
    public static let children = "CHILDREN"
    public static let statusSize = "STATUS=SIZE"
    public static let within = "WITHIN"
    public static let threadOrderedSubject = "THREAD=ORDEREDSUBJECT"
    public static let threadReferences = "THREAD=REFERENCES"
    public static let multiAppend = "MULTIAPPEND"
    public static let compressDeflate = "COMPRESS=DEFLATE"
    public static let esort = "ESORT"
    public static let searchRes = "SEARCHRES"
    public static let listMyRights = "LIST-MYRIGHTS"
    public static let catenate = "CATENATE"
    /// RFC 4467 (GENURLAUTH, RESETKEY, URLFETCH).
    public static let urlAuth = "URLAUTH"
    /// RFC 5267 §4.
    public static let contextSearch = "CONTEXT=SEARCH"
    public static let contextSort = "CONTEXT=SORT"
    /// RFC 5465.
    public static let notify = "NOTIFY"

    /// `AUTH=PLAIN`…
    public static func auth(_ mechanism: String) -> String { "AUTH=" + mechanism.uppercased() }

    /// `APPENDLIMIT=n` (RFC 7889 §2); nil: `APPENDLIMIT` without a global limit.
    public static func appendLimit(_ limit: UInt64?) -> String { limit.map { "APPENDLIMIT=\($0)" } ?? "APPENDLIMIT" }

    /// Everything this module parses and encodes, after authentication (add `AUTH=…`,
    /// `STARTTLS` and `LOGINDISABLED` before it as the connection allows).
    public static func authenticatedSet(appendLimit limit: UInt64?) -> [String] {
        [imap4rev1, imap4rev2, literalPlus, saslIR, idle, uidPlus, move, specialUse, createSpecialUse, namespace, id, enable,
         condStore, qResync, acl, rights, quota, quotaResStorage, quotaResMessage, sort, sortDisplay, esearch,
         listExtended, listStatus, binary, unselect, children, statusSize, within,
         threadOrderedSubject, threadReferences, multiAppend, compressDeflate, esort, searchRes,
         listMyRights, catenate, urlAuth, contextSearch, contextSort, notify, appendLimit(limit)]
    }
}

/// Mailbox attributes of LIST/LSUB (RFC 3501 §7.2.2, RFC 3348, RFC 5258, RFC 6154).
public enum IMAPMailboxAttribute {
    public static let noInferiors = "\\Noinferiors"
    public static let noSelect = "\\Noselect"
    public static let marked = "\\Marked"
    public static let unmarked = "\\Unmarked"
    public static let hasChildren = "\\HasChildren"
    public static let hasNoChildren = "\\HasNoChildren"
    public static let nonExistent = "\\NonExistent"
    public static let subscribed = "\\Subscribed"
    public static let remote = "\\Remote"
    public static let all = "\\All"
    public static let archive = "\\Archive"
    public static let drafts = "\\Drafts"
    public static let flagged = "\\Flagged"
    public static let junk = "\\Junk"
    public static let sent = "\\Sent"
    public static let trash = "\\Trash"

    /// The special-use attributes a client may give in CREATE (RFC 6154 §2).
    public static let specialUses: Set<String> = [all, archive, drafts, flagged, junk, sent, trash]
}
