/// One RFC 5321 §4.1.2 `esmtp-param = esmtp-keyword ["=" esmtp-value]`.
public struct ESMTPParameter: Hashable, Sendable {
    /// Uppercased: keywords are case-insensitive.
    public var keyword: String
    /// The raw value (still xtext-encoded where the extension says so); nil without "=".
    public var value: String?

    public init(keyword: String, value: String? = nil) {
        self.keyword = keyword
        self.value = value
    }
}

/// The parameters after the path of MAIL FROM / RCPT TO, e.g. `SIZE=1000 BODY=8BITMIME`.
/// Which keywords are supported is the SMTP layer's business; this only checks syntax.
public struct ESMTPParameters: Hashable, Sendable {
    public var parameters: [ESMTPParameter]

    public init(_ parameters: [ESMTPParameter] = []) {
        self.parameters = parameters
    }

    public var isEmpty: Bool { parameters.isEmpty }

    /// The parameter with this keyword (case-insensitive), if present.
    public subscript(keyword: String) -> ESMTPParameter? {
        let wanted = keyword.uppercased()
        return parameters.first { $0.keyword == wanted }
    }

    public func contains(_ keyword: String) -> Bool { self[keyword] != nil }

    /// The value of a parameter, nil when absent or given without "=value".
    public func value(of keyword: String) -> String? { self[keyword]?.value }

    private typealias C = AddressCharacters

    /// Parses `esmtp-param *(SP esmtp-param)`. Lenient where harmless: runs of spaces or
    /// tabs separate parameters, and a value may contain "=" (split at the first one, as
    /// `AUTH=` values in the wild do). A keyword given twice is an error: no extension
    /// allows repeating its parameter.
    public static func parse(_ text: String) throws(AddressSyntaxError) -> ESMTPParameters {
        var result: [ESMTPParameter] = []
        var seen = Set<String>()
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == C.space || bytes[index] == C.tab {
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, bytes[index] != C.space, bytes[index] != C.tab { index += 1 }
            let parameter = try parseOne(bytes[start..<index])
            guard seen.insert(parameter.keyword).inserted else {
                throw AddressSyntaxError("the parameter \(parameter.keyword) is given more than once")
            }
            result.append(parameter)
        }
        return ESMTPParameters(result)
    }

    private static func parseOne(_ bytes: ArraySlice<UInt8>) throws(AddressSyntaxError) -> ESMTPParameter {
        let equals = bytes.firstIndex(of: UInt8(ascii: "="))
        let keywordBytes = bytes[..<(equals ?? bytes.endIndex)]
        let keyword = String(decoding: keywordBytes, as: UTF8.self)
        // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
        guard let first = keywordBytes.first, C.isLetterOrDigit(first),
              keywordBytes.allSatisfy({ C.isLetterOrDigit($0) || $0 == C.hyphen }) else {
            if keywordBytes.isEmpty { throw AddressSyntaxError("a parameter has a value but no keyword") }
            throw AddressSyntaxError("the parameter keyword \(C.quote(keyword, limit: 32)) is invalid (letters, digits and hyphens only)")
        }
        let upper = keyword.uppercased()
        guard let equals else { return ESMTPParameter(keyword: upper) }
        let valueBytes = Array(bytes[(equals + 1)...])
        guard !valueBytes.isEmpty else {
            throw AddressSyntaxError("the parameter \(upper) has an empty value after \"=\"")
        }
        // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF8-non-ascii (RFC 6531 §3.3).
        for (offset, b) in valueBytes.enumerated() {
            if (33...126).contains(b) { continue }
            if b >= 0x80 && !C.isC1Control(valueBytes, at: offset) { continue }
            throw AddressSyntaxError("\(C.describe(valueBytes, at: offset)) is not allowed in the value of parameter \(upper)")
        }
        return ESMTPParameter(keyword: upper, value: String(decoding: valueBytes, as: UTF8.self))
    }

    // MARK: xtext (RFC 3461 §4)

    /// Decodes xtext: `+XX` (two hex digits) stands for one octet, other characters are
    /// printable ASCII except "+" and "=". Lowercase hex is accepted although RFC 3461 asks
    /// for uppercase. The decoded octets must be UTF-8.
    public static func xtextDecode(_ text: String) throws(AddressSyntaxError) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "+") {
                guard index + 2 < bytes.count,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else {
                    throw AddressSyntaxError("invalid xtext: \"+\" must be followed by two hex digits")
                }
                out.append(high << 4 | low)
                index += 3
                continue
            }
            guard (33...126).contains(b), b != UInt8(ascii: "=") else {
                throw AddressSyntaxError("invalid xtext: \(C.describe(bytes, at: index)) must be written as +XX")
            }
            out.append(b)
            index += 1
        }
        guard let decoded = String(validating: out, as: UTF8.self) else {
            throw AddressSyntaxError("invalid xtext: the decoded text is not UTF-8")
        }
        return decoded
    }

    /// Encodes as xtext: "+", "=", and every octet outside "!"…"~" become `+XX`
    /// (uppercase hex, one per UTF-8 octet).
    public static func xtextEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in text.utf8 {
            if (33...126).contains(b) && b != UInt8(ascii: "+") && b != UInt8(ascii: "=") {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "+"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }
}
