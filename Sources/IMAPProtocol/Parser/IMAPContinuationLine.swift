/// Lines read in raw mode (`IMAPCommandReader.nextLine(maximumLength:)`) between a
/// continuation request and the end of a command.
public enum IMAPContinuationLine {
    /// A client response during AUTHENTICATE (RFC 3501 §6.2.2).
    public enum SASLResponse: Hashable, Sendable {
        /// The decoded response (empty for an empty line).
        case data([UInt8])
        /// "*": the client cancels; answer `tag BAD` (RFC 3501 §6.2.2).
        case cancel
        /// Not base64: answer `tag BAD` and end the exchange.
        case invalid
    }

    /// Reads one AUTHENTICATE response line (without CRLF). Base64 is strict: RFC 4954
    /// and RFC 3501 want anything else refused.
    public static func saslResponse(_ line: [UInt8]) -> SASLResponse {
        if line == [IMAPCharacterClass.star] { return .cancel }
        if line.isEmpty { return .data([]) }
        guard let data = Base64.decode(line) else { return .invalid }
        return .data(data)
    }

    /// True for IDLE's terminating `DONE` (RFC 2177 §3), in any case, trailing blanks
    /// forgiven. Anything else during IDLE is a protocol error (answer `tag BAD`).
    public static func isDone(_ line: [UInt8]) -> Bool {
        var text = line[...]
        while let last = text.last, last == IMAPCharacterClass.space || last == 0x09 { text = text.dropLast() }
        return IMAPCharacterClass.uppercased(text) == "DONE"
    }
}
