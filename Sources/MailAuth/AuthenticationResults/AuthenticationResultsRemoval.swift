import MailCore

extension AuthenticationResults {
    /// The message without the Authentication-Results fields that claim `authservID`
    /// (compared without case): RFC 8601 §5 requires removing them from mail arriving from
    /// outside, since only we may speak for our own authserv-id. Other fields, the body
    /// and the line ends are left exactly as they were.
    public static func removingFields(claiming authservID: String, from message: [UInt8]) -> (message: [UInt8], removed: Int) {
        let parsed = Message(bytes: message, limits: MIMEParserLimits(maximumDepth: 0, maximumParts: 1))
        let ours = authservID.lowercased()
        var ranges: [Range<Int>] = []
        for field in parsed.header.fields where field.hasName("Authentication-Results") {
            if let id = Self.authservID(ofFieldValue: field.unfoldedValue), id.lowercased() == ours {
                ranges.append(field.range)
            }
        }
        guard !ranges.isEmpty else { return (message, 0) }
        var out: [UInt8] = []
        out.reserveCapacity(message.count)
        var position = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= position {
            out.append(contentsOf: message[position..<range.lowerBound])
            position = range.upperBound
        }
        out.append(contentsOf: message[position...])
        return (out, ranges.count)
    }
}
