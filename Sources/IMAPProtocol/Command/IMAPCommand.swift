/// A parsed client command: its tag and what it asks for.
///
/// The parser checks syntax only; whether the command is allowed in the session's state
/// (`kind.allowedStates`), whether mailboxes exist, and so on is the session's business.
public struct IMAPCommand: Hashable, Sendable {
    public let tag: String
    public let kind: Kind

    public init(tag: String, kind: Kind) {
        self.tag = tag
        self.kind = kind
    }

    public enum Kind: Hashable, Sendable {
        // Any state (RFC 3501 §6.1)
        case capability
        case noop
        case logout
        /// RFC 2971.
        case id([IMAPIDField]?)

        // Not authenticated (§6.2)
        case startTLS
        /// `initialResponse`: the decoded SASL-IR initial response (RFC 4959); empty for "=".
        case authenticate(mechanism: String, initialResponse: [UInt8]?)
        case login(username: String, password: String)

        // Authenticated (§6.3)
        case select(IMAPMailboxName, IMAPSelectParameters)
        case examine(IMAPMailboxName, IMAPSelectParameters)
        /// `specialUse`: the USE attributes of RFC 6154 §3 (`\Sent`…).
        case create(IMAPMailboxName, specialUse: [String])
        case delete(IMAPMailboxName)
        case rename(from: IMAPMailboxName, to: IMAPMailboxName)
        case subscribe(IMAPMailboxName)
        case unsubscribe(IMAPMailboxName)
        case list(IMAPListCommand)
        /// Reference and pattern in wire form (RFC 3501 §6.3.9).
        case lsub(reference: String, pattern: String)
        /// RFC 2342.
        case namespace
        case status(IMAPMailboxName, [IMAPStatusAttribute])
        case append(IMAPAppendCommand)
        /// RFC 2177: the session answers "+ idling" and reads raw lines until `DONE`.
        case idle
        /// RFC 5161: capability names, upper case.
        case enable([String])
        /// RFC 4314.
        case getACL(IMAPMailboxName)
        case setACL(IMAPMailboxName, identifier: String, rights: IMAPRightsModification)
        case deleteACL(IMAPMailboxName, identifier: String)
        case listRights(IMAPMailboxName, identifier: String)
        case myRights(IMAPMailboxName)
        /// RFC 9208.
        case getQuota(root: String)
        case getQuotaRoot(IMAPMailboxName)
        case setQuota(root: String, limits: [IMAPQuotaLimit])
        /// RFC 4467: URL/mechanism pairs; RESETKEY's optional mailbox and mechanisms
        /// (upper case); URLFETCH's URLs.
        case genURLAuth([IMAPGenURLAuthRequest])
        case resetKey(IMAPMailboxName?, mechanisms: [String])
        case urlFetch([String])
        /// RFC 5465.
        case notify(IMAPNotifyCommand)

        // Selected (§6.4)
        case check
        case close
        /// RFC 3691.
        case unselect
        case expunge
        /// RFC 4315.
        case uidExpunge(IMAPSequenceSet)
        case search(IMAPSearchCommand)
        case fetch(IMAPFetchCommand)
        case store(IMAPStoreCommand)
        case copy(IMAPCopyCommand)
        /// RFC 6851.
        case move(IMAPCopyCommand)
        /// RFC 5256.
        case sort(IMAPSortCommand)
        /// RFC 5256.
        case thread(IMAPThreadCommand)
        /// RFC 4978: the mechanism name, upper case.
        case compress(String)
        /// RFC 5267 §4.3.5: the tags of the updating searches to stop.
        case cancelUpdate([String])

        /// The command name as a client writes it ("UID FETCH" for UID commands).
        public var name: String {
            switch self {
            case .capability: return "CAPABILITY"
            case .noop: return "NOOP"
            case .logout: return "LOGOUT"
            case .id: return "ID"
            case .startTLS: return "STARTTLS"
            case .authenticate: return "AUTHENTICATE"
            case .login: return "LOGIN"
            case .select: return "SELECT"
            case .examine: return "EXAMINE"
            case .create: return "CREATE"
            case .delete: return "DELETE"
            case .rename: return "RENAME"
            case .subscribe: return "SUBSCRIBE"
            case .unsubscribe: return "UNSUBSCRIBE"
            case .list: return "LIST"
            case .lsub: return "LSUB"
            case .namespace: return "NAMESPACE"
            case .status: return "STATUS"
            case .append: return "APPEND"
            case .idle: return "IDLE"
            case .enable: return "ENABLE"
            case .getACL: return "GETACL"
            case .setACL: return "SETACL"
            case .deleteACL: return "DELETEACL"
            case .listRights: return "LISTRIGHTS"
            case .myRights: return "MYRIGHTS"
            case .getQuota: return "GETQUOTA"
            case .getQuotaRoot: return "GETQUOTAROOT"
            case .setQuota: return "SETQUOTA"
            case .check: return "CHECK"
            case .close: return "CLOSE"
            case .unselect: return "UNSELECT"
            case .expunge: return "EXPUNGE"
            case .uidExpunge: return "UID EXPUNGE"
            case .search(let c): return c.byUID ? "UID SEARCH" : "SEARCH"
            case .fetch(let c): return c.byUID ? "UID FETCH" : "FETCH"
            case .store(let c): return c.byUID ? "UID STORE" : "STORE"
            case .copy(let c): return c.byUID ? "UID COPY" : "COPY"
            case .move(let c): return c.byUID ? "UID MOVE" : "MOVE"
            case .sort(let c): return c.byUID ? "UID SORT" : "SORT"
            case .thread(let c): return c.byUID ? "UID THREAD" : "THREAD"
            case .compress: return "COMPRESS"
            case .genURLAuth: return "GENURLAUTH"
            case .resetKey: return "RESETKEY"
            case .urlFetch: return "URLFETCH"
            case .cancelUpdate: return "CANCELUPDATE"
            case .notify: return "NOTIFY"
            }
        }

        /// The session states in which RFC 3501 §6 allows the command.
        public var allowedStates: Set<IMAPSessionStateKind> {
            switch self {
            case .capability, .noop, .logout, .id:
                return [.notAuthenticated, .authenticated, .selected]
            case .startTLS, .authenticate, .login:
                return [.notAuthenticated]
            case .select, .examine, .create, .delete, .rename, .subscribe, .unsubscribe, .list, .lsub,
                 .namespace, .status, .append, .idle, .enable, .getACL, .setACL, .deleteACL, .listRights,
                 .myRights, .getQuota, .getQuotaRoot, .setQuota, .compress, .genURLAuth, .resetKey, .urlFetch,
                 .notify:
                return [.authenticated, .selected]
            case .check, .close, .unselect, .expunge, .uidExpunge, .search, .fetch, .store, .copy, .move, .sort, .thread,
                 .cancelUpdate:
                return [.selected]
            }
        }
    }
}
