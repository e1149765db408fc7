import MailCore

/// What a block's execution asks of its caller.
enum SieveFlow {
    case next
    case stop
    case returnFromInclude
}

/// Variables of one script (RFC 5229): each included script has its own, except those
/// declared `global` (RFC 6609 §3.3).
struct SieveVariableScope {
    var locals: [String: String] = [:]
    var globalNames: Set<String> = []
    /// ${0}…${9} of the last successful :matches (RFC 5229 §3.2).
    var matchValues: [String] = []
}

/// The state of one run.
struct SieveExecution {
    let environment: SieveEnvironment
    let message: SieveMessage
    let envelope: SieveEnvelope
    var limits: SieveLimits { environment.limits }

    var scriptName: String
    var extensions: Set<SieveExtension>
    var commands: [SieveCommand]
    var collector: ActionCollector
    var headers: [SieveHeaderField]
    var headersEdited = false
    var headerEdits = 0
    var internalFlags: [String] = []
    var scope = SieveVariableScope()
    var globals: [String: String] = [:]
    var steps = 0
    var includeStack: [String] = []
    var includedOnce: Set<String> = []
    var includedCount = 0
    var compiledIncludes: [String: SieveScript] = [:]
    var duplicateMarks: [SieveDuplicateMark] = []
    var vacationSuppressed: String?
    var warnings: [String] = []
    /// `:regex` patterns compiled during this run.
    let regexCache = RegexCache()
    /// A warning about a truncated `:regex` input was given.
    var warnedRegexInput = false

    init(script: SieveScript, environment: SieveEnvironment, message: SieveMessage, envelope: SieveEnvelope) {
        self.environment = environment
        self.message = message
        self.envelope = envelope
        scriptName = script.name
        extensions = script.requiredExtensions
        commands = script.commands
        collector = ActionCollector(limits: environment.limits)
        headers = message.headerFields
    }

    var outcome: SieveOutcome {
        SieveOutcome(actions: collector.actions, implicitKeep: !collector.implicitKeepCancelled,
                     implicitKeepFlags: internalFlags, editedHeader: headersEdited ? headers : nil,
                     duplicateMarks: duplicateMarks, vacationSuppressed: vacationSuppressed, error: nil,
                     warnings: warnings)
    }

    func failure(_ message: String, at location: SieveSourceLocation) -> SieveRuntimeError {
        SieveRuntimeError(script: scriptName, location: location, message: message)
    }

    /// Counts one unit of work; the budget bounds every run.
    mutating func step(_ location: SieveSourceLocation, cost: Int = 1) throws(SieveRuntimeError) {
        steps += max(cost, 1)
        if steps > limits.maximumSteps {
            throw failure("the script used up its execution budget (\(limits.maximumSteps) steps)", at: location)
        }
    }

    mutating func runScript() throws(SieveRuntimeError) -> SieveFlow {
        try run(commands)
    }

    mutating func run(_ block: [SieveCommand]) throws(SieveRuntimeError) -> SieveFlow {
        for command in block {
            let flow = try execute(command)
            if flow != .next { return flow }
        }
        return .next
    }

    mutating func add(_ action: SieveAction, at location: SieveSourceLocation) throws(SieveRuntimeError) {
        do {
            try collector.add(action)
        } catch {
            throw failure(error.message, at: location)
        }
    }

    // MARK: Strings and variables

    /// The string with its variable references replaced (RFC 5229 §3).
    func expand(_ value: SieveStringValue) -> String {
        if let constant = value.constant { return constant }
        var text = ""
        for part in value.parts {
            switch part {
            case .literal(let s): text += s
            case .variable(let name): text += variable(name) ?? ""
            case .matchVariable(let index): text += index < scope.matchValues.count ? scope.matchValues[index] : ""
            }
            if text.utf8.count > limits.maximumVariableSize * 4 { break }
        }
        return text
    }

    func expand(_ values: [SieveStringValue]) -> [String] { values.map { expand($0) } }

    func variable(_ name: String) -> String? {
        if name.hasPrefix("global.") { return globals[String(name.dropFirst(7))] }
        if scope.globalNames.contains(name) { return globals[name] }
        return scope.locals[name]
    }

    mutating func assign(_ name: String, _ value: String, at location: SieveSourceLocation) throws(SieveRuntimeError) {
        let stored = value.truncatedUTF8(limits.maximumVariableSize)
        if name.hasPrefix("global.") {
            globals[String(name.dropFirst(7))] = stored
        } else if scope.globalNames.contains(name) {
            globals[name] = stored
        } else {
            if scope.locals[name] == nil, scope.locals.count >= limits.maximumVariables {
                throw failure("too many variables (the limit is \(limits.maximumVariables))", at: location)
            }
            scope.locals[name] = stored
        }
    }

    // MARK: Commands

    mutating func execute(_ command: SieveCommand) throws(SieveRuntimeError) -> SieveFlow {
        let at = command.location
        try step(at)
        switch command.kind {
        case .conditional(let branches, let otherwise):
            for branch in branches where try evaluate(branch.test) {
                return try run(branch.block)
            }
            if let otherwise { return try run(otherwise) }
            return .next
        case .stop:
            return .stop
        case .keep(let flags):
            let stored = storeFlags(flags, at: at)
            try add(.keep(flags: stored), at: at)
        case .discard:
            try add(.discard, at: at)
        case .redirect(let value, let copy):
            let text = expand(value)
            guard let address = SieveAddressSyntax.redirectTarget(text) else {
                throw failure("invalid redirect address \"\(text)\"", at: at)
            }
            try add(.redirect(address: address.description, copy: copy), at: at)
        case .fileinto(let value, let flags, let copy, let create):
            let mailbox = expand(value)
            if mailbox.isEmpty || mailbox.utf8.count > 1024 || mailbox.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                throw failure("invalid mailbox name \"\(mailbox)\"", at: at)
            }
            let stored = storeFlags(flags, at: at)
            try add(.fileinto(mailbox: mailbox, flags: stored, copy: copy, create: create), at: at)
        case .reject(let reason, let extended):
            try add(.reject(reason: expand(reason), extended: extended), at: at)
        case .set(let name, let value, let modifiers):
            var text = expand(value)
            for modifier in modifiers { text = Self.apply(modifier, to: text) }
            try assign(name, text, at: at)
        case .flags(let edit, let variableName, let flags):
            try editFlags(edit, variable: variableName.map { expand($0).lowercased() }, flags: expand(flags), at: at)
        case .vacation(let vacation):
            try executeVacation(vacation, at: at)
        case .include(let name, let location, let once, let optional):
            return try include(name: name, location: location, once: once, optional: optional, at: at)
        case .returnFromInclude:
            return .returnFromInclude
        case .global(let names):
            for name in names { scope.globalNames.insert(name) }
        case .addHeader(let name, let value, let last):
            try addHeader(name: expand(name), value: expand(value), last: last, at: at)
        case .deleteHeader(let name, let patterns, let match, let index):
            try deleteHeader(name: expand(name), patterns: patterns, match: match, index: index, at: at)
        }
        return .next
    }

    /// :flags when given, else the internal variable (RFC 5232 §5); flags that cannot be
    /// set are left out with a warning (RFC 5232 §2).
    mutating func storeFlags(_ flags: [SieveStringValue]?, at location: SieveSourceLocation) -> [String] {
        guard let flags else { return internalFlags }
        let (valid, refused) = FlagList.split(expand(flags))
        warnAboutFlags(refused, at: location)
        return valid
    }

    mutating func warnAboutFlags(_ refused: [String], at location: SieveSourceLocation) {
        guard !refused.isEmpty else { return }
        warnings.append("\(location): flag\(refused.count == 1 ? "" : "s") \(refused.joined(separator: " ")) not set: "
                        + "not a flag IMAP lets a client set (RFC 5232 §2)")
    }

    mutating func editFlags(_ edit: SieveFlagEdit, variable: String?, flags: [String],
                            at location: SieveSourceLocation) throws(SieveRuntimeError) {
        let current: [String]
        if let variable {
            current = FlagList.parse([self.variable(variable) ?? ""])
        } else {
            current = internalFlags
        }
        let updated: [String]
        if edit != .remove { warnAboutFlags(FlagList.split(flags).refused, at: location) }
        switch edit {
        case .set: updated = FlagList.parse(flags)
        case .add: updated = FlagList.union(current, flags)
        case .remove: updated = FlagList.removing(flags, from: current)
        }
        if let variable {
            try assign(variable, FlagList.render(updated), at: location)
        } else {
            internalFlags = Array(updated.prefix(256))
        }
    }

    /// `set` modifiers (RFC 5229 §4.1).
    static func apply(_ modifier: SieveVariableModifier, to text: String) -> String {
        switch modifier {
        case .lower: return text.lowercased()
        case .upper: return text.uppercased()
        case .lowerfirst: return text.prefix(1).lowercased() + text.dropFirst()
        case .upperfirst: return text.prefix(1).uppercased() + text.dropFirst()
        case .quotewildcard:
            var out = ""
            for ch in text {
                if ch == "*" || ch == "?" || ch == "\\" { out.append("\\") }
                out.append(ch)
            }
            return out
        case .quoteregex: return RegexSyntax.quote(text)
        case .length: return String(text.unicodeScalars.count)
        }
    }

    // MARK: include (RFC 6609)

    mutating func include(name: String, location: SieveIncludeLocationKind, once: Bool, optional: Bool,
                          at: SieveSourceLocation) throws(SieveRuntimeError) -> SieveFlow {
        let key = location.rawValue + ":" + name
        if once, includedOnce.contains(key) { return .next }
        if includeStack.contains(key) || key == "personal:" + scriptName && includeStack.isEmpty && location == .personal {
            throw failure("script \"\(name)\" includes itself", at: at)
        }
        if includeStack.count >= limits.maximumIncludeDepth {
            throw failure("includes nest too deep (the limit is \(limits.maximumIncludeDepth))", at: at)
        }
        if includedCount >= limits.maximumIncludedScripts {
            throw failure("too many included scripts (the limit is \(limits.maximumIncludedScripts))", at: at)
        }
        let script: SieveScript
        if let cached = compiledIncludes[key] {
            script = cached
        } else {
            guard let source = environment.loadScript(name, location) else {
                if optional { return .next }
                throw failure("included \(location.rawValue) script \"\(name)\" does not exist", at: at)
            }
            do {
                script = try SieveCompiler(extensions: environment.extensions, limits: limits).compile(source, name: name)
            } catch {
                throw failure("included script \"\(name)\" does not compile: \(error)", at: at)
            }
            compiledIncludes[key] = script
        }
        includedCount += 1
        if once { includedOnce.insert(key) }
        let savedScope = scope, savedName = scriptName, savedExtensions = extensions
        scope = SieveVariableScope()
        scriptName = name
        extensions = script.requiredExtensions
        includeStack.append(key)
        defer {
            includeStack.removeLast()
            scope = savedScope
            scriptName = savedName
            extensions = savedExtensions
        }
        let flow = try run(script.commands)
        return flow == .stop ? .stop : .next
    }

    // MARK: editheader (RFC 5293)

    /// Fields a script may neither add nor delete (RFC 5293 §6).
    static let protectedHeaders: Set<String> = ["received", "auto-submitted"]

    mutating func addHeader(name: String, value: String, last: Bool, at: SieveSourceLocation) throws(SieveRuntimeError) {
        guard SieveHeaderName.isValid(name) else { throw failure("invalid header field name \"\(name)\"", at: at) }
        if Self.protectedHeaders.contains(name.asciiLowercasedForSieve) {
            warnings.append("addheader: \(name) is protected and was not added")
            return
        }
        try countHeaderEdit(at)
        // No line breaks may slip into the header; non-ASCII goes out as RFC 2047 words.
        let flat = String(value.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : Character($0) }).truncatedUTF8(8192)
        let encoded = flat.unicodeScalars.allSatisfy(\.isASCII) ? flat : EncodedWordEncoder.encode(flat).joined(separator: " ")
        let field = SieveHeaderField(name: name, value: encoded)
        if last { headers.append(field) } else { headers.insert(field, at: 0) }
        headersEdited = true
    }

    mutating func deleteHeader(name: String, patterns: [SieveStringValue]?, match: SieveMatchSpec,
                               index: SieveHeaderIndex?, at: SieveSourceLocation) throws(SieveRuntimeError) {
        guard SieveHeaderName.isValid(name) else { throw failure("invalid header field name \"\(name)\"", at: at) }
        if Self.protectedHeaders.contains(name.asciiLowercasedForSieve) {
            warnings.append("deleteheader: \(name) is protected and was not deleted")
            return
        }
        let positions = headers.indices.filter { headers[$0].hasName(name) }
        var candidates = positions
        if let index {
            let n = index.position
            guard n <= positions.count else { return }
            candidates = [index.fromEnd ? positions[positions.count - n] : positions[n - 1]]
        }
        var doomed: [Int] = []
        for position in candidates {
            if let patterns {
                if try matches([headers[position].decodedValue], keys: patterns, spec: match, at: at, setsVariables: false) {
                    doomed.append(position)
                }
            } else {
                doomed.append(position)
            }
        }
        guard !doomed.isEmpty else { return }
        try countHeaderEdit(at)
        for position in doomed.reversed() { headers.remove(at: position) }
        headersEdited = true
    }

    private mutating func countHeaderEdit(_ at: SieveSourceLocation) throws(SieveRuntimeError) {
        headerEdits += 1
        if headerEdits > limits.maximumHeaderEdits {
            throw failure("too many header changes (the limit is \(limits.maximumHeaderEdits))", at: at)
        }
    }
}
