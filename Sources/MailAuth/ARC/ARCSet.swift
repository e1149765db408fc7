/// One ARC header field as found in the message (RFC 8617 §4.1).
struct ARCField {
    enum Kind: Int, CaseIterable {
        // The order in which the seal hashes them (§5.1.1).
        case authenticationResults = 0, messageSignature, seal

        init?(lowercasedName: String) {
            switch lowercasedName {
            case "arc-authentication-results": self = .authenticationResults
            case "arc-message-signature": self = .messageSignature
            case "arc-seal": self = .seal
            default: return nil
            }
        }
    }

    let kind: Kind
    /// Index in `DKIMMessage.fields`.
    let index: Int
    let instance: Int
    /// The tag list of AMS and AS fields (AAR is not a tag list).
    let tags: DKIMTagList?
    /// The field bytes without the final line break.
    let bytes: [UInt8]
    /// Offset of the value (after the colon) in `bytes`.
    let valueOffset: Int

    /// The field with the `b=` value removed (RFC 6376 §3.7, as ARC imports it).
    var withoutSignature: [UInt8]? {
        guard let b = tags?.tag("b") else { return nil }
        let range = (b.valueRange.lowerBound + valueOffset)..<(b.valueRange.upperBound + valueOffset)
        return Array(bytes[..<range.lowerBound]) + Array(bytes[range.upperBound...])
    }

    /// Parses a field; nil when its instance tag is missing or invalid (`i=` 1–50,
    /// §4.2.1), or an AMS/AS is not a valid tag list.
    init?(kind: Kind, index: Int, bytes: [UInt8]) {
        guard let colon = bytes.firstIndex(of: Byte.colon) else { return nil }
        let value = Array(bytes[(colon + 1)...])
        self.kind = kind
        self.index = index
        self.bytes = bytes
        self.valueOffset = colon + 1
        var instanceText: String?
        if kind == .authenticationResults {
            // arc-info = instance [CFWS] ";" authres-payload
            tags = nil
            guard let semicolon = value.firstIndex(of: Byte.semicolon) else { return nil }
            let head = String(decoding: value[..<semicolon], as: UTF8.self).filter { !$0.isWhitespace }
            guard head.lowercased().hasPrefix("i=") else { return nil }
            instanceText = String(head.dropFirst(2))
        } else {
            guard let parsed = try? DKIMTagList.parse(value) else { return nil }
            tags = parsed
            instanceText = parsed["i"]
        }
        guard let text = instanceText, (1...2).contains(text.count), text.allSatisfy(\.isASCII),
              let n = Int(text), (1...50).contains(n) else { return nil }
        instance = n
    }
}
