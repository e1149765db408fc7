/// Turns the syntax tree into a `SieveScript`: checks `require`, every command's and
/// test's arguments, and types them. Every error carries the position it is about.
struct SieveValidator {
    let available: Set<SieveExtension>
    let limits: SieveLimits
    private(set) var required: Set<SieveExtension> = []
    /// What compiles but deserves a word ("line L, column C: …").
    let warnings = SieveWarningLog()

    init(available: Set<SieveExtension>, limits: SieveLimits = .default) {
        self.available = available
        self.limits = limits
    }

    func warn(_ message: String, at location: SieveSourceLocation) {
        warnings.items.append("\(location): \(message)")
    }

    func has(_ ext: SieveExtension) -> Bool { required.contains(ext) }

    func need(_ ext: SieveExtension, for what: String, at location: SieveSourceLocation) throws(SieveCompileError) {
        if !has(ext) {
            throw SieveCompileError("\(what) needs require \"\(ext.rawValue)\"", at: location)
        }
    }

    mutating func validate(_ nodes: [SieveCommandNode]) throws(SieveCompileError) -> [SieveCommand] {
        var index = 0
        while index < nodes.count, nodes[index].name == "require" {
            try addRequire(nodes[index])
            index += 1
        }
        return try block(Array(nodes[index...]))
    }

    /// `require <capabilities: string-list>` (RFC 5228 §3.2).
    private mutating func addRequire(_ node: SieveCommandNode) throws(SieveCompileError) {
        let scanned = try scan(node.arguments, rules: [], what: "require")
        try expect(scanned.positional, [.stringList], what: "require", at: node.location)
        try noTestsOrBlock(node)
        guard case .strings(let names, _) = scanned.positional[0].value else { return }
        for literal in names {
            guard let ext = SieveExtension(rawValue: literal.value.lowercased()), available.contains(ext) else {
                throw SieveCompileError("unsupported extension \"\(literal.value)\"", at: literal.location)
            }
            required.insert(ext)
            for implied in ext.implied { required.insert(implied) }
        }
    }

    func noTestsOrBlock(_ node: SieveCommandNode) throws(SieveCompileError) {
        if let test = node.tests.first {
            throw SieveCompileError("command '\(node.name)' takes no test", at: test.location)
        }
        if node.block != nil {
            throw SieveCompileError("command '\(node.name)' takes no block", at: node.location)
        }
    }

    /// Commands of one block; `elsif` and `else` attach to the `if` before them.
    func block(_ nodes: [SieveCommandNode]) throws(SieveCompileError) -> [SieveCommand] {
        var commands: [SieveCommand] = []
        var openChain: (branches: [SieveConditionalBranch], location: SieveSourceLocation)?
        func closeChain(otherwise: [SieveCommand]?) {
            if let chain = openChain {
                commands.append(SieveCommand(kind: .conditional(chain.branches, otherwise: otherwise), location: chain.location))
                openChain = nil
            }
        }
        for node in nodes {
            switch node.name {
            case "if":
                closeChain(otherwise: nil)
                let branch = try conditionalBranch(node)
                openChain = ([branch], node.location)
            case "elsif":
                guard openChain != nil else {
                    throw SieveCompileError("'elsif' must follow 'if' or 'elsif'", at: node.location)
                }
                openChain?.branches.append(try conditionalBranch(node))
            case "else":
                guard openChain != nil else {
                    throw SieveCompileError("'else' must follow 'if' or 'elsif'", at: node.location)
                }
                _ = try scanNothing(node)
                if let test = node.tests.first {
                    throw SieveCompileError("'else' takes no test", at: test.location)
                }
                guard let body = node.block else {
                    throw SieveCompileError("'else' needs a block", at: node.location)
                }
                closeChain(otherwise: try block(body))
            case "require":
                throw SieveCompileError("require must come before any other command, at the top of the script",
                                        at: node.location)
            default:
                closeChain(otherwise: nil)
                commands.append(try command(node))
            }
        }
        closeChain(otherwise: nil)
        return commands
    }

    private func scanNothing(_ node: SieveCommandNode) throws(SieveCompileError) -> ScannedArguments {
        let scanned = try scan(node.arguments, rules: [], what: "'\(node.name)'")
        if let extra = scanned.positional.first {
            throw SieveCompileError("'\(node.name)' takes no arguments", at: extra.location)
        }
        return scanned
    }

    private func conditionalBranch(_ node: SieveCommandNode) throws(SieveCompileError) -> SieveConditionalBranch {
        _ = try scanNothing(node)
        guard node.tests.count == 1, !node.hasTestList, let testNode = node.tests.first else {
            throw SieveCompileError("'\(node.name)' needs exactly one test", at: node.location)
        }
        guard let body = node.block else {
            throw SieveCompileError("'\(node.name)' needs a block", at: node.location)
        }
        return SieveConditionalBranch(test: try test(testNode), block: try block(body))
    }

    // MARK: Strings

    /// A script string as a value: encoded characters decoded (RFC 5228 §2.4.2.4) and
    /// variable references found (RFC 5229 §3) when the script requires them.
    func value(_ literal: SieveStringLiteral) throws(SieveCompileError) -> SieveStringValue {
        var text = literal.value
        if has(.encodedCharacter) {
            text = try EncodedCharacters.decode(text, at: literal.location)
        }
        return SieveStringValue.parse(text, variables: has(.variables), location: literal.location)
    }

    func values(_ argument: SieveArgumentNode) throws(SieveCompileError) -> [SieveStringValue] {
        guard case .strings(let literals, _) = argument.value else { return [] }
        var result: [SieveStringValue] = []
        for literal in literals { result.append(try value(literal)) }
        return result
    }

    func value(_ argument: SieveArgumentNode) throws(SieveCompileError) -> SieveStringValue {
        guard case .strings(let literals, _) = argument.value, let first = literals.first else {
            return SieveStringValue(constant: "", location: argument.location)
        }
        return try value(first)
    }

    /// A string that must be known at compile time (comparator names, relations…).
    func constant(_ argument: SieveArgumentNode, what: String) throws(SieveCompileError) -> String {
        let v = try value(argument)
        guard let text = v.constant else {
            throw SieveCompileError("\(what) must be a constant string (no variables)", at: argument.location)
        }
        return text
    }

    func number(_ argument: SieveArgumentNode?) -> Int? {
        if case .number(let n)? = argument?.value { return n }
        return nil
    }

    // MARK: Shared tagged arguments

    func matchSpec(_ scanned: ScannedArguments) throws(SieveCompileError) -> SieveMatchSpec {
        var spec = SieveMatchSpec()
        if let tag = scanned.tags["comparator"], let argument = tag.value {
            let name = try constant(argument, what: "the comparator name")
            guard let comparator = SieveComparator(rawValue: name.lowercased()) else {
                throw SieveCompileError("unknown comparator \"\(name)\"", at: argument.location)
            }
            if let ext = comparator.requiredExtension, !has(ext) {
                throw SieveCompileError("comparator \"\(comparator.rawValue)\" needs require \"\(ext.rawValue)\"",
                                        at: argument.location)
            }
            spec.comparator = comparator
        }
        if scanned.has("contains") { spec.type = .contains }
        if scanned.has("matches") { spec.type = .matches }
        if scanned.has("regex") { spec.type = .regex }
        for tagName in ["value", "count"] {
            guard let tag = scanned.tags[tagName], let argument = tag.value else { continue }
            let text = try constant(argument, what: "the relational operator")
            guard let relation = SieveRelation(rawValue: text.lowercased()) else {
                throw SieveCompileError("unknown relational operator \"\(text)\" (gt, ge, lt, le, eq or ne)",
                                        at: argument.location)
            }
            spec.type = tagName == "value" ? .value(relation) : .count(relation)
        }
        if !spec.comparator.supportsSubstrings, spec.type == .contains || spec.type == .matches || spec.type == .regex {
            let name = spec.type == .contains ? "contains" : spec.type == .matches ? "matches" : "regex"
            let location = scanned.tags[name]?.location ?? .start
            // draft-ietf-sieve-regex §5: a comparator without a normalization operation
            // (i;ascii-numeric) cannot be used with :regex.
            throw SieveCompileError("comparator \"\(spec.comparator.rawValue)\" does not support :\(name)", at: location)
        }
        return spec
    }

    func addressPart(_ scanned: ScannedArguments) -> SieveAddressPart {
        if scanned.has("localpart") { return .localpart }
        if scanned.has("domain") { return .domain }
        if scanned.has("user") { return .user }
        if scanned.has("detail") { return .detail }
        return .all
    }

    func headerIndex(_ scanned: ScannedArguments) throws(SieveCompileError) -> SieveHeaderIndex? {
        guard let tag = scanned.tags["index"] else {
            if let last = scanned.tags["last"] {
                throw SieveCompileError(":last needs :index", at: last.location)
            }
            return nil
        }
        let position = number(tag.value) ?? 0
        if position < 1 {
            throw SieveCompileError(":index must be 1 or more", at: tag.value?.location ?? tag.location)
        }
        return SieveHeaderIndex(position: position, fromEnd: scanned.has("last"))
    }
}
