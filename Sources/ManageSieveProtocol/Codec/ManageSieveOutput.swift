/// One piece of what the server writes: data lines, or the result line that ends an answer.
public enum ManageSieveOutput: Hashable, Sendable, CustomStringConvertible {
    /// Capability lines (§1.7), without the OK that follows them.
    case capabilities([ManageSieveCapability])
    /// LISTSCRIPTS lines (§2.7), without the OK.
    case scriptList([ManageSieveScriptListEntry])
    /// GETSCRIPT's script as a literal (§2.9), without the OK.
    case script([UInt8])
    /// A SASL challenge line: the base64 data as a string (§2.1).
    case saslChallenge(String)
    case response(ManageSieveResponse)

    public var encoded: [UInt8] {
        switch self {
        case .capabilities(let capabilities):
            return capabilities.flatMap { capability -> [UInt8] in
                var line = ManageSieveWire.string(Array(capability.name.utf8))
                if let value = capability.value {
                    line += [0x20] + ManageSieveWire.string(Array(value.utf8))
                }
                return line + ManageSieveWire.crlf
            }
        case .scriptList(let entries):
            return entries.flatMap { entry -> [UInt8] in
                ManageSieveWire.string(Array(entry.name.utf8)) + Array((entry.isActive ? " ACTIVE" : "").utf8)
                    + ManageSieveWire.crlf
            }
        case .script(let content):
            return ManageSieveWire.literal(content) + ManageSieveWire.crlf
        case .saslChallenge(let base64):
            return ManageSieveWire.string(Array(base64.utf8)) + ManageSieveWire.crlf
        case .response(let response):
            return response.encoded
        }
    }

    public var description: String { String(decoding: encoded, as: UTF8.self) }
}

/// One capability line (§1.7): a name and an optional value.
public struct ManageSieveCapability: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// One script of LISTSCRIPTS.
public struct ManageSieveScriptListEntry: Hashable, Sendable {
    public var name: String
    public var isActive: Bool

    public init(name: String, isActive: Bool) {
        self.name = name
        self.isActive = isActive
    }
}
