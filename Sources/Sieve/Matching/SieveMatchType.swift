/// The relational operators of RFC 5231 §4.
public enum SieveRelation: String, Sendable, Hashable, CaseIterable {
    case gt, ge, lt, le, eq, ne

    func holds(_ order: Int) -> Bool {
        switch self {
        case .gt: return order > 0
        case .ge: return order >= 0
        case .lt: return order < 0
        case .le: return order <= 0
        case .eq: return order == 0
        case .ne: return order != 0
        }
    }
}

/// MATCH-TYPE (RFC 5228 §2.7.1, RFC 5231, draft-ietf-sieve-regex §4).
enum SieveMatchType: Sendable, Equatable {
    case `is`, contains, matches
    /// `:regex`: a POSIX extended regular expression (draft-ietf-sieve-regex §6).
    case regex
    case value(SieveRelation)
    case count(SieveRelation)
}
