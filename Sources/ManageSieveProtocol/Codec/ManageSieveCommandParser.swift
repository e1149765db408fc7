/// Turns the tokens of one command into a `ManageSieveCommand` (RFC 5804 §2, §4).
public enum ManageSieveCommandParser {
    public static func parse(_ tokens: [ManageSieveToken],
                             maxScriptNameLength: Int = ManageSieveScriptName.minimumMaxLength)
        throws(ManageSieveCommandError) -> ManageSieveCommand {
        guard case .atom(let verbOctets) = tokens.first else {
            throw tokens.isEmpty ? .unknownCommand : .syntax("a command starts with its name")
        }
        // Command names are case-insensitive (RFC 5804 §4).
        let verb = String(decoding: verbOctets, as: UTF8.self).uppercased()
        var arguments = Arguments(tokens: tokens.dropFirst(), verb: verb, maxNameLength: maxScriptNameLength)

        let command: ManageSieveCommand
        switch verb {
        case "AUTHENTICATE":
            let mechanism = try arguments.mechanism()
            command = .authenticate(mechanism: mechanism, initialResponse: try arguments.optionalString())
        case "STARTTLS": command = .startTLS
        case "LOGOUT": command = .logout
        case "CAPABILITY": command = .capability
        case "LISTSCRIPTS": command = .listScripts
        case "UNAUTHENTICATE": command = .unauthenticate
        case "HAVESPACE":
            let name = try arguments.scriptName()
            command = .haveSpace(name: name, size: try arguments.number())
        case "PUTSCRIPT":
            let name = try arguments.scriptName()
            command = .putScript(name: name, content: try arguments.string())
        case "SETACTIVE": command = .setActive(name: try arguments.scriptName(allowEmpty: true))
        case "GETSCRIPT": command = .getScript(name: try arguments.scriptName())
        case "DELETESCRIPT": command = .deleteScript(name: try arguments.scriptName())
        case "RENAMESCRIPT":
            let oldName = try arguments.scriptName()
            command = .renameScript(oldName: oldName, newName: try arguments.scriptName())
        case "CHECKSCRIPT": command = .checkScript(content: try arguments.string())
        case "NOOP":
            let tag = try arguments.optionalString()
            guard let tag else {
                command = .noop(tag: nil)
                break
            }
            guard let text = String(validating: tag, as: UTF8.self) else { throw .syntax("NOOP tag is not UTF-8") }
            command = .noop(tag: text)
        default:
            throw .unknownCommand
        }
        try arguments.end()
        return command
    }

    /// The arguments after the command name, consumed in order.
    private struct Arguments {
        var tokens: ArraySlice<ManageSieveToken>
        let verb: String
        let maxNameLength: Int

        mutating func string() throws(ManageSieveCommandError) -> [UInt8] {
            guard case .string(let value)? = tokens.popFirst() else { throw .syntax("\(verb) expects a string") }
            return value
        }

        mutating func optionalString() throws(ManageSieveCommandError) -> [UInt8]? {
            guard !tokens.isEmpty else { return nil }
            return try string()
        }

        /// RFC 5804 §4 writes the mechanism as a quoted string; an atom is tolerated.
        mutating func mechanism() throws(ManageSieveCommandError) -> String {
            switch tokens.popFirst() {
            case .string(let value)?, .atom(let value)?:
                guard !value.isEmpty, value.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                    throw .syntax("invalid SASL mechanism name")
                }
                return String(decoding: value, as: UTF8.self).uppercased()
            case nil:
                throw .syntax("AUTHENTICATE expects a mechanism")
            }
        }

        mutating func scriptName(allowEmpty: Bool = false) throws(ManageSieveCommandError) -> String {
            let octets = try string()
            if allowEmpty && octets.isEmpty { return "" }
            switch ManageSieveScriptName.validate(octets, maxLength: maxNameLength) {
            case .success(let name): return name
            case .failure(let problem): throw .invalidScriptName(problem)
            }
        }

        /// RFC 5804 §4: a 32-bit unsigned number, as an atom.
        mutating func number() throws(ManageSieveCommandError) -> Int {
            guard case .atom(let digits)? = tokens.popFirst(), !digits.isEmpty, digits.count <= 10,
                  digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
                throw .syntax("\(verb) expects a number")
            }
            let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            guard value <= 4_294_967_295 else { throw .syntax("number out of range") }
            return value
        }

        func end() throws(ManageSieveCommandError) {
            guard tokens.isEmpty else { throw .syntax("too many arguments for \(verb)") }
        }
    }
}
