/// Gathers actions and applies the rules on how they combine: duplicates are merged
/// (RFC 5228 §2.10.3), reject excludes storing, forwarding and vacation (RFC 5429 §2.1),
/// one vacation per run (RFC 5230 §4.7), and the action limits.
struct ActionCollector {
    private(set) var actions: [SieveAction] = []
    private(set) var implicitKeepCancelled = false
    private var redirects = 0
    private var hasVacation = false
    private let limits: SieveLimits

    init(limits: SieveLimits) {
        self.limits = limits
    }

    private var hasReject: Bool {
        actions.contains { if case .reject = $0 { return true } else { return false } }
    }

    /// Same mailbox? INBOX is case-insensitive (RFC 3501 §5.1), other names are exact.
    static func sameMailbox(_ a: String, _ b: String) -> Bool {
        a == b || (a.uppercased() == "INBOX" && b.uppercased() == "INBOX")
    }

    static func storeTarget(_ action: SieveAction) -> String? {
        switch action {
        case .keep: return "INBOX"
        case .fileinto(let mailbox, _, _, _): return mailbox
        default: return nil
        }
    }

    private mutating func checkCount() throws(CollectorError) {
        if actions.count >= limits.maximumActions {
            throw CollectorError("too many actions (the limit is \(limits.maximumActions))")
        }
    }

    mutating func add(_ action: SieveAction) throws(CollectorError) {
        switch action {
        case .keep, .fileinto:
            if hasReject { throw CollectorError("reject cannot be combined with storing the message (keep or fileinto)") }
            let target = Self.storeTarget(action) ?? "INBOX"
            if case .fileinto(_, _, let copy, _) = action, copy {} else { implicitKeepCancelled = true }
            if let existing = actions.firstIndex(where: { Self.storeTarget($0).map { Self.sameMailbox($0, target) } ?? false }) {
                // One store per mailbox (RFC 5228 §2.10.3); RFC 5232 §3: "when keep/fileinto
                // is used multiple times in a script and duplicate message elimination is
                // performed […], the last flag list value MUST win."
                actions[existing] = Self.merge(actions[existing], action, flags: .last)
                return
            }
            try checkCount()
            actions.append(action)
        case .redirect(let address, let copy):
            if hasReject { throw CollectorError("reject cannot be combined with redirect") }
            if !copy { implicitKeepCancelled = true }
            let key = Self.redirectKey(address)
            if let existing = actions.firstIndex(where: { if case .redirect(let a, _) = $0 { return Self.redirectKey(a) == key } else { return false } }) {
                if case .redirect(let a, let c) = actions[existing] { actions[existing] = .redirect(address: a, copy: c && copy) }
                return
            }
            redirects += 1
            if redirects > limits.maximumRedirects {
                throw CollectorError("too many redirects (the limit is \(limits.maximumRedirects))")
            }
            try checkCount()
            actions.append(action)
        case .reject:
            if hasReject { throw CollectorError("only one reject or ereject is allowed") }
            if let other = actions.first(where: { $0.isStore || { if case .redirect = $0 { return true } else { return false } }($0) }) {
                throw CollectorError("reject cannot be combined with \(Self.name(other))")
            }
            if hasVacation { throw CollectorError("reject cannot be combined with vacation") }
            implicitKeepCancelled = true
            try checkCount()
            actions.append(action)
        case .discard:
            implicitKeepCancelled = true
            if actions.contains(.discard) { return }
            try checkCount()
            actions.append(action)
        case .vacation:
            try addVacation(action, send: true)
        }
    }

    /// Registers a vacation; `send` false when policy suppresses the reply (it still counts
    /// as the script's one vacation).
    mutating func addVacation(_ action: SieveAction, send: Bool) throws(CollectorError) {
        if hasVacation { throw CollectorError("only one vacation action is allowed") }
        if hasReject { throw CollectorError("vacation cannot be combined with reject") }
        hasVacation = true
        guard send else { return }
        try checkCount()
        actions.append(action)
    }

    /// Which redirects are the same address: RFC 5321 §2.4 "The local-part of a mailbox
    /// MUST BE treated as case sensitive"; only the domain compares case-insensitively.
    static func redirectKey(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at]) + "@" + address[address.index(after: at)...].lowercased()
    }

    private static func name(_ action: SieveAction) -> String {
        switch action {
        case .keep: return "keep"
        case .fileinto: return "fileinto"
        case .redirect: return "redirect"
        case .reject: return "reject"
        case .discard: return "discard"
        case .vacation: return "vacation"
        }
    }

    /// How merged stores combine their flags: the last action's, or both.
    enum FlagMerge {
        case last, union
    }

    static func merge(_ earlier: SieveAction, _ later: SieveAction, flags rule: FlagMerge) -> SieveAction {
        func flags(_ a: SieveAction) -> [String] {
            switch a {
            case .keep(let f): return f
            case .fileinto(_, let f, _, _): return f
            default: return []
            }
        }
        let combined = rule == .last ? flags(later) : FlagList.union(flags(earlier), flags(later))
        switch earlier {
        case .keep:
            return .keep(flags: combined)
        case .fileinto(let mailbox, _, let copy, let create):
            var laterCopy = true, laterCreate = false
            if case .fileinto(_, _, let c, let cr) = later { laterCopy = c; laterCreate = cr }
            return .fileinto(mailbox: mailbox, flags: combined, copy: copy && laterCopy, create: create || laterCreate)
        default:
            return earlier
        }
    }
}

struct CollectorError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
