/// An RFC 5321 §4.1.2 reverse-path or forward-path: the `<…>` argument of MAIL FROM and
/// RCPT TO.
public struct SMTPPath: Hashable, Sendable, CustomStringConvertible {
    public enum Target: Hashable, Sendable {
        /// `<>`: the null reverse-path of bounces and other notifications (RFC 5321 §4.5.5).
        case null
        case mailbox(EmailAddress)
        /// `<Postmaster>` without a domain, a forward-path every server must accept
        /// (RFC 5321 §4.1.1.3); it means the postmaster of the receiving server.
        case postmaster
    }

    public var target: Target
    /// The domains of an obsolete source route `<@a,@b:user@d>` without their "@", in order.
    /// RFC 5321 §4.1.2 says source routes MUST be accepted and SHOULD be ignored
    /// (Appendix C); they are reported so that the SMTP layer can decide.
    public var sourceRoute: [String]

    public init(target: Target, sourceRoute: [String] = []) {
        self.target = target
        self.sourceRoute = sourceRoute
    }

    public static let null = SMTPPath(target: .null)

    public var mailbox: EmailAddress? {
        if case .mailbox(let address) = target { return address }
        return nil
    }

    public var isNull: Bool { target == .null }
    public var isPostmaster: Bool { target == .postmaster }

    /// `<>`, `<Postmaster>` or `<user@domain>`; the source route is dropped because it
    /// SHOULD NOT be generated.
    public var description: String {
        switch target {
        case .null: return "<>"
        case .postmaster: return "<Postmaster>"
        case .mailbox(let address): return "<\(address)>"
        }
    }

    // MARK: Parsing

    /// Parses the text after `MAIL FROM:`: a path or `<>`, then the ESMTP parameters, which
    /// are returned unparsed (see `ESMTPParameters.parse`).
    public static func parseReversePath(
        _ text: String, limits: EmailAddress.LengthLimits = .rfc5321
    ) throws(AddressSyntaxError) -> (path: SMTPPath, parameters: String) {
        try parse(text, isReversePath: true, limits: limits)
    }

    /// Parses the text after `RCPT TO:`: a path or `<Postmaster>`, then the ESMTP parameters.
    public static func parseForwardPath(
        _ text: String, limits: EmailAddress.LengthLimits = .rfc5321
    ) throws(AddressSyntaxError) -> (path: SMTPPath, parameters: String) {
        try parse(text, isReversePath: false, limits: limits)
    }

    private typealias C = AddressCharacters

    private static func parse(
        _ text: String, isReversePath: Bool, limits: EmailAddress.LengthLimits
    ) throws(AddressSyntaxError) -> (path: SMTPPath, parameters: String) {
        let bytes = Array(text.utf8)
        var index = 0
        // Lenient: "MAIL FROM: <a@b>" with a space after the colon is common.
        while index < bytes.count, bytes[index] == C.space || bytes[index] == C.tab { index += 1 }
        guard index < bytes.count else {
            throw AddressSyntaxError("the address is missing; expected <user@example.com>")
        }
        guard bytes[index] == C.lessThan else {
            throw AddressSyntaxError("the address must be enclosed in angle brackets, as in <user@example.com>")
        }
        index += 1

        let path: SMTPPath
        if index < bytes.count, bytes[index] == C.greaterThan {
            guard isReversePath else {
                throw AddressSyntaxError("the null path <> is only allowed as a sender (MAIL FROM)")
            }
            path = .null
            index += 1
        } else if !isReversePath, let end = postmasterEnd(bytes, from: index) {
            path = SMTPPath(target: .postmaster)
            index = end
        } else {
            var parser = SMTPMailboxParser(bytes: bytes, position: index)
            let route = try parseSourceRoute(&parser)
            let address = try parser.parseMailbox(terminators: [C.greaterThan])
            guard parser.current == C.greaterThan else {
                throw AddressSyntaxError("the address has no closing \">\"")
            }
            try address.checkLength(limits)
            path = SMTPPath(target: .mailbox(address), sourceRoute: route)
            index = parser.position + 1
        }

        // RFC 5321 §4.1.1.2: parameters follow the path after a space.
        guard index < bytes.count else { return (path, "") }
        guard bytes[index] == C.space || bytes[index] == C.tab else {
            throw AddressSyntaxError("expected a space between \">\" and the parameters, found \(C.describe(bytes, at: index))")
        }
        while index < bytes.count, bytes[index] == C.space || bytes[index] == C.tab { index += 1 }
        return (path, String(decoding: bytes[index...], as: UTF8.self))
    }

    /// The index after `Postmaster>` (any case) at `start`, if that is what follows.
    private static func postmasterEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        let word = Array("postmaster>".utf8)
        guard bytes.count - start >= word.count else { return nil }
        for (offset, expected) in word.enumerated() {
            var b = bytes[start + offset]
            if (0x41...0x5A).contains(b) { b += 0x20 }
            guard b == expected else { return nil }
        }
        return start + word.count
    }

    /// `A-d-l ":"` where `A-d-l = At-domain *( "," At-domain )`; empty when absent.
    private static func parseSourceRoute(_ parser: inout SMTPMailboxParser) throws(AddressSyntaxError) -> [String] {
        guard parser.current == C.at else { return [] }
        var domains: [String] = []
        while true {
            guard parser.current == C.at else {
                throw AddressSyntaxError("each domain of a source route must start with \"@\", as in <@relay.example:user@example.com>")
            }
            parser.advance()
            domains.append(try parser.parseDomainOrAddressLiteral(terminators: [UInt8(ascii: ","), UInt8(ascii: ":"), C.greaterThan]))
            switch parser.current {
            case UInt8(ascii: ","):
                parser.advance()
            case UInt8(ascii: ":"):
                parser.advance()
                return domains
            default:
                throw AddressSyntaxError("the source route has no \":\" before the mailbox")
            }
        }
    }
}
