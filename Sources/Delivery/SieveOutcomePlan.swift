import MailStore

/// What delivery does for one user's copy after Sieve: where to store it (with flags),
/// what to send, and the message bytes to store (editheader may have changed them).
struct SievePlan: Sendable {
    struct Store: Sendable, Hashable {
        var folder: String
        var flags: MessageFlags
        var keywords: [String]
        /// `fileinto :create` (RFC 5490): make the folder when missing.
        var create: Bool
    }

    var stores: [Store]
    var outgoing: [OutgoingMessage]
    var bytes: [UInt8]
    /// A runtime error: the message went to INBOX; the user may be told once.
    var error: String?
    /// Duplicate ids (RFC 7352) to record once delivery succeeded.
    var duplicateMarks: [(id: String, period: Int)]
    /// What the script did that deserves a word in the mail log (a flag that cannot be
    /// set, RFC 5232 §2; an unknown date part…).
    var warnings: [String] = []

    /// No script: INBOX, unchanged.
    static func keep(_ bytes: [UInt8]) -> SievePlan {
        SievePlan(stores: [Store(folder: "INBOX", flags: [], keywords: [], create: false)], outgoing: [],
                  bytes: bytes, error: nil, duplicateMarks: [])
    }
}

/// A message delivery creates: a redirect, a vacation reply, a reject notice.
struct OutgoingMessage: Sendable {
    enum Kind: String, Sendable { case redirect, vacation, reject }
    var kind: Kind
    /// Envelope sender: the original sender for redirects, empty (null) for automatic replies.
    var sender: String
    var recipient: String
    var bytes: [UInt8]
}
