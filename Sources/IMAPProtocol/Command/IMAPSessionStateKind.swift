/// The IMAP connection states of RFC 3501 §3 in which commands are valid.
public enum IMAPSessionStateKind: Hashable, Sendable {
    case notAuthenticated, authenticated, selected
}
