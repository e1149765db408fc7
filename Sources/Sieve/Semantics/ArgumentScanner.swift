/// The kinds of value an argument may have.
enum SieveArgumentKind: Sendable {
    case string, stringList, number

    var description: String {
        switch self {
        case .string: return "a string"
        case .stringList: return "a string list"
        case .number: return "a number"
        }
    }
}

/// A tagged argument a command or test accepts.
struct SieveTagRule: Sendable {
    var name: String
    /// Tags of one group exclude each other (one match type, one comparator…).
    var group: String?
    /// The value that follows the tag, if any.
    var parameter: SieveArgumentKind?
    /// The capability that brings this tag; nil for RFC 5228 tags.
    var requires: SieveExtension?

    init(_ name: String, group: String? = nil, parameter: SieveArgumentKind? = nil, requires: SieveExtension? = nil) {
        self.name = name
        self.group = group
        self.parameter = parameter
        self.requires = requires
    }

    static let comparator = [SieveTagRule("comparator", group: "comparator", parameter: .string)]
    static let matchType = [
        SieveTagRule("is", group: "match type"), SieveTagRule("contains", group: "match type"),
        SieveTagRule("matches", group: "match type"),
        SieveTagRule("value", group: "match type", parameter: .string, requires: .relational),
        SieveTagRule("count", group: "match type", parameter: .string, requires: .relational),
        SieveTagRule("regex", group: "match type", requires: .regex),
    ]
    static let addressPart = [
        SieveTagRule("all", group: "address part"), SieveTagRule("localpart", group: "address part"),
        SieveTagRule("domain", group: "address part"),
        SieveTagRule("user", group: "address part", requires: .subaddress),
        SieveTagRule("detail", group: "address part", requires: .subaddress),
    ]
    static let index = [
        SieveTagRule("index", parameter: .number, requires: .index),
        SieveTagRule("last", requires: .index),
    ]
}

/// Tagged arguments found, with their values, and the positional arguments in order.
struct ScannedArguments {
    struct Tag {
        var location: SieveSourceLocation
        var value: SieveArgumentNode?
    }

    var tags: [String: Tag] = [:]
    var positional: [SieveArgumentNode] = []

    func has(_ name: String) -> Bool { tags[name] != nil }
}

extension SieveValidator {
    /// Sorts the arguments into known tags and positional arguments (RFC 5228 §2.6).
    func scan(_ arguments: [SieveArgumentNode], rules: [SieveTagRule], what: String) throws(SieveCompileError) -> ScannedArguments {
        var result = ScannedArguments()
        var groups: [String: String] = [:]
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard let tag = argument.tagName else {
                result.positional.append(argument)
                continue
            }
            guard let rule = rules.first(where: { $0.name == tag }) else {
                throw SieveCompileError("unknown tagged argument ':\(tag)' for \(what)", at: argument.location)
            }
            if let ext = rule.requires, !has(ext) {
                throw SieveCompileError("tagged argument ':\(tag)' needs require \"\(ext.rawValue)\"", at: argument.location)
            }
            if !result.positional.isEmpty {
                throw SieveCompileError("tagged argument ':\(tag)' must come before the positional arguments of \(what)",
                                        at: argument.location)
            }
            if result.tags[tag] != nil {
                throw SieveCompileError("tagged argument ':\(tag)' given twice", at: argument.location)
            }
            if let group = rule.group {
                if let other = groups[group] {
                    throw SieveCompileError("':\(tag)' cannot be combined with ':\(other)' (only one \(group))", at: argument.location)
                }
                groups[group] = tag
            }
            var value: SieveArgumentNode?
            if let kind = rule.parameter {
                guard i < arguments.count, arguments[i].tagName == nil else {
                    throw SieveCompileError("tagged argument ':\(tag)' needs \(kind.description)", at: argument.location)
                }
                let parameter = arguments[i]
                i += 1
                try check(parameter, is: kind, what: "':\(tag)'")
                value = parameter
            }
            result.tags[tag] = ScannedArguments.Tag(location: argument.location, value: value)
        }
        return result
    }

    /// Checks that `positional` has exactly these kinds.
    func expect(_ positional: [SieveArgumentNode], _ kinds: [SieveArgumentKind], what: String,
                at location: SieveSourceLocation) throws(SieveCompileError) {
        if positional.count < kinds.count {
            let missing = kinds[positional.count]
            throw SieveCompileError("\(what) needs \(kinds.count) argument\(kinds.count == 1 ? "" : "s"): "
                                    + "missing \(missing.description) (argument \(positional.count + 1))", at: location)
        }
        if positional.count > kinds.count {
            throw SieveCompileError("too many arguments for \(what)", at: positional[kinds.count].location)
        }
        for (argument, kind) in zip(positional, kinds) {
            try check(argument, is: kind, what: what)
        }
    }

    func check(_ argument: SieveArgumentNode, is kind: SieveArgumentKind, what: String) throws(SieveCompileError) {
        switch (kind, argument.value) {
        case (.number, .number), (.stringList, .strings), (.string, .strings(_, isList: false)):
            return
        default:
            throw SieveCompileError("\(what) expects \(kind.description) here, not \(argument.kindDescription)",
                                    at: argument.location)
        }
    }
}
