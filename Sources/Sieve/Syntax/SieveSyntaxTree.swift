/// The generic syntax tree of RFC 5228 §8.2, before any command is interpreted.

/// A string as written in the script, with where it starts.
struct SieveStringLiteral: Sendable, Equatable {
    var value: String
    var location: SieveSourceLocation
}

/// One argument of a command or test.
struct SieveArgumentNode: Sendable {
    enum Value: Sendable {
        /// A single string (`isList` false) or a bracketed string list.
        case strings([SieveStringLiteral], isList: Bool)
        case number(Int)
        case tag(String)
    }

    var value: Value
    var location: SieveSourceLocation

    var tagName: String? {
        if case .tag(let name) = value { return name }
        return nil
    }

    /// What kind of argument this is, for error messages.
    var kindDescription: String {
        switch value {
        case .strings(_, let isList): return isList ? "a string list" : "a string"
        case .number: return "a number"
        case .tag(let name): return "tag ':\(name)'"
        }
    }
}

/// A test: `identifier arguments [test-list]`.
struct SieveTestNode: Sendable {
    var name: String
    var location: SieveSourceLocation
    var arguments: [SieveArgumentNode]
    var tests: [SieveTestNode]
    /// True when the tests were written as a parenthesised list.
    var hasTestList: Bool
}

/// A command: `identifier arguments (";" / block)`.
struct SieveCommandNode: Sendable {
    var name: String
    var location: SieveSourceLocation
    var arguments: [SieveArgumentNode]
    var tests: [SieveTestNode]
    var hasTestList: Bool
    /// Nil when the command ended with ";".
    var block: [SieveCommandNode]?
}
