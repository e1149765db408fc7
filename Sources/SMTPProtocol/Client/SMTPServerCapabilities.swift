/// What a server announced in its EHLO reply (RFC 5321 §4.1.1.1): one extension keyword
/// per line after the first, with optional parameters.
public struct SMTPServerCapabilities: Hashable, Sendable {
    /// Upper-cased keyword → its parameters as given.
    public private(set) var extensions: [String: [String]] = [:]

    public init() {}

    /// Parses the lines of a 250 reply to EHLO; the first line is the greeting text.
    public init(ehloReply: SMTPReply) {
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let keyword = words.first, keyword.count <= 64 else { continue }
            extensions[keyword.uppercased()] = words.dropFirst().prefix(64).map(String.init)
        }
    }

    public func supports(_ keyword: String) -> Bool { extensions[keyword.uppercased()] != nil }

    /// RFC 2920.
    public var pipelining: Bool { supports("PIPELINING") }
    /// RFC 3207.
    public var startTLS: Bool { supports("STARTTLS") }
    /// RFC 6152.
    public var eightBitMIME: Bool { supports("8BITMIME") }
    /// RFC 6531.
    public var smtpUTF8: Bool { supports("SMTPUTF8") }
    /// RFC 3030.
    public var chunking: Bool { supports("CHUNKING") }
    /// RFC 3461.
    public var dsn: Bool { supports("DSN") }
    /// RFC 2034.
    public var enhancedStatusCodes: Bool { supports("ENHANCEDSTATUSCODES") }

    /// RFC 1870 §4: the fixed maximum message size; nil when SIZE is absent, has no
    /// number, or announces 0 (no fixed limit).
    public var maximumSize: Int? {
        guard let value = extensions["SIZE"]?.first, value.count <= 20,
              value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let size = Int(value) ?? .max
        return size > 0 ? size : nil
    }

    /// RFC 4954 §3: the SASL mechanisms after `AUTH`, upper-cased. Old servers also
    /// announce `AUTH=PLAIN LOGIN`, which counts the same.
    public var authMechanisms: Set<String> {
        var mechanisms = Set((extensions["AUTH"] ?? []).map { $0.uppercased() })
        for (keyword, parameters) in extensions where keyword.hasPrefix("AUTH=") {
            mechanisms.insert(String(keyword.dropFirst(5)))
            mechanisms.formUnion(parameters.map { $0.uppercased() })
        }
        return mechanisms
    }
}
