/// STATUS data items (RFC 3501 §6.3.10, RFC 7162, RFC 8438, RFC 7889, RFC 9051).
public enum IMAPStatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES"
    case recent = "RECENT"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case highestModSeq = "HIGHESTMODSEQ"
    case size = "SIZE"
    case appendLimit = "APPENDLIMIT"
    case deleted = "DELETED"
}
