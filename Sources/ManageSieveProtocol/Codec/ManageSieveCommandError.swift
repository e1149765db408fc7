/// Why a command was refused before reaching the session's handlers. Answered with NO.
public enum ManageSieveCommandError: Error, Hashable, Sendable {
    case unknownCommand
    case syntax(String)
    case invalidScriptName(ManageSieveScriptName.Problem)

    public var response: ManageSieveResponse {
        switch self {
        case .unknownCommand: return .no("Unknown command")
        case .syntax(let text): return .no("Syntax error: \(text)")
        case .invalidScriptName(let problem): return .no(problem.message)
        }
    }
}
