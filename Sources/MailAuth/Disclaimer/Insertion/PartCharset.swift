import MailCore

/// How text is added to a part given its declared charset: in that charset when it can
/// represent the addition, else by converting the whole part to UTF-8.
struct PartCharset {
    /// The label as declared, lower case; nil when undeclared (US-ASCII, RFC 2045 §5.2).
    let label: String?
    /// Nil for an unknown label.
    let charset: Charset?

    init(label: String?) {
        self.label = label
        self.charset = label.flatMap(Charset.init(label:))
    }

    var isKnown: Bool { label == nil || charset != nil }

    /// `text` encoded in the part's charset, or nil when the part must become UTF-8.
    func encode(_ text: String) -> [UInt8]? {
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        guard let charset else {
            // Undeclared: US-ASCII. Unknown label: ASCII is the one safe bet.
            return isASCII ? Array(text.utf8) : nil
        }
        switch charset {
        case .utf8:
            return Array(text.utf8)
        case .ascii:
            return isASCII ? Array(text.utf8) : nil
        case .latin1:
            guard text.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) else { return nil }
            return text.unicodeScalars.map { UInt8($0.value) }
        case .iconv(let names):
            return isASCII && !Self.isASCIIIncompatible(names) ? Array(text.utf8) : nil
        }
    }

    /// The part's decoded body as UTF-8: ASCII and UTF-8 bodies as they are (bytes that
    /// are not valid stay, as a mislabelled body is already broken), others converted.
    func utf8Body(_ body: [UInt8]) -> [UInt8] {
        switch charset {
        case nil, .ascii?, .utf8?: return body
        default: return Array(CharsetDecoder.decode(body, charset: charset).utf8)
        }
    }

    /// Encodings where ASCII bytes are not ASCII characters, or where escape sequences
    /// change the meaning of what follows: nothing can be appended to them as is.
    private static func isASCIIIncompatible(_ names: [String]) -> Bool {
        names.contains { $0.hasPrefix("UTF-16") || $0.hasPrefix("UTF-32") || $0.hasPrefix("UTF-7") || $0.hasPrefix("HZ") }
    }
}
