/// Why a command line could not be parsed. Every case is answered with `-ERR` and counts as
/// a bad command.
public enum POP3CommandError: Error, Hashable, Sendable {
    /// Empty line or unknown keyword (APOP included: it is not offered).
    case unknownCommand
    /// A known keyword with arguments that do not fit; the text says what was expected.
    case syntax(String)

    public var response: POP3Response {
        switch self {
        case .unknownCommand: return .err("Unknown command")
        case .syntax(let text): return .err("Syntax error: \(text)")
        }
    }
}
