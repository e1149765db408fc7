/// One message of a maildrop as the server lists it when the session opens it.
public struct POP3MessageInfo: Hashable, Sendable {
    /// Size as served (`POP3ServedSize`): CRLF line ends, no byte-stuffing.
    public var octets: Int
    /// RFC 1939 §7: unique and stable across sessions, 1 to 70 characters in 0x21–0x7E.
    public var uidl: String

    public init(octets: Int, uidl: String) {
        self.octets = octets
        self.uidl = uidl
    }
}

/// Names a message in the server's listing: `number` is its 1-based position in the array
/// given with `POP3MaildropResult.opened`, `uidl` its unique id.
public struct POP3MessageReference: Hashable, Sendable {
    public var number: Int
    public var uidl: String

    public init(number: Int, uidl: String) {
        self.number = number
        self.uidl = uidl
    }
}

/// The open maildrop: the listing fixed at login plus the deletion marks (RFC 1939 §5:
/// numbering and sizes do not change during the session).
struct POP3Maildrop: Sendable {
    let user: String
    let messages: [POP3MessageInfo]
    private var deleted: [Bool]
    private(set) var visibleCount: Int
    private(set) var visibleOctets: Int

    init(user: String, messages: [POP3MessageInfo]) {
        self.user = user
        self.messages = messages
        deleted = Array(repeating: false, count: messages.count)
        visibleCount = messages.count
        visibleOctets = messages.reduce(0) { Self.saturatingAdd($0, max(0, $1.octets)) }
    }

    enum Lookup {
        case message(POP3MessageInfo)
        case noSuchMessage
        case deleted
    }

    func lookup(_ number: Int) -> Lookup {
        guard number >= 1, number <= messages.count else { return .noSuchMessage }
        return deleted[number - 1] ? .deleted : .message(messages[number - 1])
    }

    /// Numbers and infos of the messages not marked deleted, in order.
    var visible: [(number: Int, info: POP3MessageInfo)] {
        messages.indices.filter { !deleted[$0] }.map { ($0 + 1, messages[$0]) }
    }

    mutating func markDeleted(_ number: Int) {
        guard case .message(let info) = lookup(number) else { return }
        deleted[number - 1] = true
        visibleCount -= 1
        visibleOctets -= max(0, info.octets)
        if visibleOctets < 0 { visibleOctets = 0 }
    }

    mutating func unmarkAll() {
        self = POP3Maildrop(user: user, messages: messages)
    }

    /// "3 messages (1234 octets)", for status lines.
    var summary: String {
        "\(visibleCount) \(visibleCount == 1 ? "message" : "messages") (\(visibleOctets) octets)"
    }

    var deletedReferences: [POP3MessageReference] {
        messages.indices.filter { deleted[$0] }.map { POP3MessageReference(number: $0 + 1, uidl: messages[$0].uidl) }
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }
}
