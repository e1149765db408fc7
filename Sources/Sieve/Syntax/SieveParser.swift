/// Builds the generic syntax tree from tokens (RFC 5228 §8.2), enforcing the nesting
/// limit so that deeply nested input cannot exhaust the stack.
struct SieveParser {
    private let tokens: [SieveToken]
    private var position = 0
    private let maximumNesting: Int
    private var nesting = 0

    init(tokens: [SieveToken], maximumNesting: Int) {
        self.tokens = tokens
        self.maximumNesting = maximumNesting
    }

    static func parse(_ source: String, limits: SieveLimits) throws(SieveCompileError) -> [SieveCommandNode] {
        var lexer = SieveLexer(source)
        let tokens = try lexer.tokenize()
        var parser = SieveParser(tokens: tokens, maximumNesting: limits.maximumNestingDepth)
        return try parser.parseScript()
    }

    private var current: SieveToken { tokens[min(position, tokens.count - 1)] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    mutating func parseScript() throws(SieveCompileError) -> [SieveCommandNode] {
        let commands = try parseCommands()
        if current.kind != .end {
            throw SieveCompileError("unexpected \(current.quoted)", at: current.location)
        }
        return commands
    }

    private mutating func parseCommands() throws(SieveCompileError) -> [SieveCommandNode] {
        var commands: [SieveCommandNode] = []
        while case .identifier = current.kind {
            commands.append(try parseCommand())
        }
        switch current.kind {
        case .end, .rightBrace: break
        default:
            throw SieveCompileError("expected a command but found \(current.quoted)", at: current.location)
        }
        return commands
    }

    private mutating func enter(_ location: SieveSourceLocation) throws(SieveCompileError) {
        nesting += 1
        if nesting > maximumNesting {
            throw SieveCompileError("nesting is too deep (the limit is \(maximumNesting) levels)", at: location)
        }
    }

    private mutating func parseCommand() throws(SieveCompileError) -> SieveCommandNode {
        guard case .identifier(let rawName) = current.kind else {
            throw SieveCompileError("expected a command", at: current.location)
        }
        let name = rawName.lowercased()
        let location = current.location
        advance()
        let arguments = try parseArguments()
        let (tests, hasList) = try parseTests()
        switch current.kind {
        case .semicolon:
            advance()
            return SieveCommandNode(name: name, location: location, arguments: arguments, tests: tests,
                                    hasTestList: hasList, block: nil)
        case .leftBrace:
            let braceLocation = current.location
            try enter(braceLocation)
            advance()
            let block = try parseCommands()
            guard current.kind == .rightBrace else {
                throw SieveCompileError("missing '}' to close the block opened at \(braceLocation)", at: current.location)
            }
            advance()
            nesting -= 1
            return SieveCommandNode(name: name, location: location, arguments: arguments, tests: tests,
                                    hasTestList: hasList, block: block)
        default:
            throw SieveCompileError("expected ';' or a block after command '\(name)' but found \(current.quoted)",
                                    at: current.location)
        }
    }

    private mutating func parseArguments() throws(SieveCompileError) -> [SieveArgumentNode] {
        var arguments: [SieveArgumentNode] = []
        while true {
            let location = current.location
            switch current.kind {
            case .string(let value):
                advance()
                arguments.append(SieveArgumentNode(
                    value: .strings([SieveStringLiteral(value: value, location: location)], isList: false),
                    location: location))
            case .number(let n):
                advance()
                arguments.append(SieveArgumentNode(value: .number(n), location: location))
            case .tag(let name):
                advance()
                arguments.append(SieveArgumentNode(value: .tag(name), location: location))
            case .leftBracket:
                advance()
                arguments.append(SieveArgumentNode(value: .strings(try parseStringList(location), isList: true),
                                                   location: location))
            default:
                return arguments
            }
        }
    }

    private mutating func parseStringList(_ open: SieveSourceLocation) throws(SieveCompileError) -> [SieveStringLiteral] {
        var strings: [SieveStringLiteral] = []
        while true {
            guard case .string(let value) = current.kind else {
                throw SieveCompileError("expected a string in the list but found \(current.quoted)", at: current.location)
            }
            strings.append(SieveStringLiteral(value: value, location: current.location))
            advance()
            switch current.kind {
            case .comma:
                advance()
            case .rightBracket:
                advance()
                return strings
            default:
                throw SieveCompileError("expected ',' or ']' in the string list opened at \(open) but found \(current.quoted)",
                                        at: current.location)
            }
        }
    }

    /// An optional single test or parenthesised test list after the arguments.
    private mutating func parseTests() throws(SieveCompileError) -> ([SieveTestNode], Bool) {
        switch current.kind {
        case .identifier:
            return ([try parseTest()], false)
        case .leftParen:
            let open = current.location
            try enter(open)
            advance()
            var tests: [SieveTestNode] = []
            while true {
                guard case .identifier = current.kind else {
                    throw SieveCompileError("expected a test but found \(current.quoted)", at: current.location)
                }
                tests.append(try parseTest())
                switch current.kind {
                case .comma:
                    advance()
                case .rightParen:
                    advance()
                    nesting -= 1
                    return (tests, true)
                default:
                    throw SieveCompileError("expected ',' or ')' in the test list opened at \(open) but found \(current.quoted)",
                                            at: current.location)
                }
            }
        default:
            return ([], false)
        }
    }

    private mutating func parseTest() throws(SieveCompileError) -> SieveTestNode {
        guard case .identifier(let rawName) = current.kind else {
            throw SieveCompileError("expected a test", at: current.location)
        }
        let location = current.location
        try enter(location)
        advance()
        let arguments = try parseArguments()
        let (tests, hasList) = try parseTests()
        nesting -= 1
        return SieveTestNode(name: rawName.lowercased(), location: location, arguments: arguments,
                             tests: tests, hasTestList: hasList)
    }
}
