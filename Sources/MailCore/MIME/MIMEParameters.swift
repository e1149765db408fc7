/// One parameter of a Content-Type or Content-Disposition field, after RFC 2231
/// continuations have been joined and its charset applied.
public struct MIMEParameter: Sendable, Hashable {
    /// Lower-cased, without the RFC 2231 `*` / `*N*` suffixes.
    public let name: String
    public let value: String
    /// The RFC 2231 charset and language, when the value declared them.
    public let charset: String?
    public let language: String?

    /// The bytes of a value that did not use RFC 2231 encoding, before UTF-8 decoding
    /// (so that an RFC 2047 word with raw 8-bit bytes can still be decoded).
    let plainBytes: [UInt8]?

    public init(name: String, value: String, charset: String? = nil, language: String? = nil) {
        self.init(name: name, value: value, charset: charset, language: language, plainBytes: nil)
    }

    init(name: String, value: String, charset: String?, language: String?, plainBytes: [UInt8]?) {
        self.name = name
        self.value = value
        self.charset = charset
        self.language = language
        self.plainBytes = plainBytes
    }

    /// The value with RFC 2047 encoded words decoded and surrounding white space
    /// removed: RFC 2047 §5 forbids encoded words in parameters, yet senders put them
    /// in `name` and `filename`, quoted or not, and mail clients decode them.
    public var decodedText: String {
        let text = plainBytes.map { EncodedWordDecoder.decodeUnstructured(bytes: $0) } ?? value
        return text.trimmingUnicodeWhitespace
    }

    public static func == (a: MIMEParameter, b: MIMEParameter) -> Bool {
        a.name == b.name && a.value == b.value && a.charset == b.charset && a.language == b.language
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(value)
        hasher.combine(charset)
        hasher.combine(language)
    }
}

/// The parameters of a MIME field in source order, looked up by case-insensitive name.
public struct MIMEParameters: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    public let parameters: [MIMEParameter]

    public init(_ parameters: [MIMEParameter] = []) { self.parameters = parameters }

    public init(dictionaryLiteral elements: (String, String)...) {
        parameters = elements.map {
            MIMEParameter(name: $0.0.asciiLowercased, value: $0.1, charset: nil, language: nil, plainBytes: Array($0.1.utf8))
        }
    }

    public var startIndex: Int { parameters.startIndex }
    public var endIndex: Int { parameters.endIndex }
    public subscript(position: Int) -> MIMEParameter { parameters[position] }

    /// The value of the parameter with this name.
    public subscript(name: String) -> String? { parameter(named: name)?.value }

    public func parameter(named name: String) -> MIMEParameter? {
        let key = name.asciiLowercased
        return parameters.first { $0.name == key }
    }

    /// Parses `; name=value; …` (RFC 2045 §5.1) with RFC 2231 extensions.
    public static func parse(_ text: Substring) -> MIMEParameters {
        parse(bytes: Array(text.utf8))
    }

    static func parse(bytes: [UInt8]) -> MIMEParameters {
        MIMEParameters(RFC2231Assembler.assemble(ParameterListScanner.scan(bytes)))
    }
}
