/// The `{n}` or `{n+}` that ends a line when a literal follows (RFC 5804 §4).
///
/// The framing looks only at the end of the raw line, never at the tokens, so that the
/// octets of a literal are skipped even in a command that is otherwise wrong.
///
/// RFC 5804 has no continuation request: `literal-c2s` is `{n+}`, and the server never
/// sends "+ go ahead". A client that sends the synchronizing `{n}` of IMAP (which the ABNF's
/// `string` rule also admits) therefore sends the octets right away too, so both forms are
/// read the same way.
enum ManageSieveLiteralMarker: Equatable {
    case none
    /// `octets` follow the line; `markerLength` octets of the line are the marker.
    case literal(octets: Int, markerLength: Int)
    /// A marker whose number is past the 32-bit range of RFC 5804 §4: the octets that follow
    /// cannot be skipped with any confidence.
    case invalid

    /// RFC 5804 §4: `number` is below 4,294,967,296.
    static let maxOctets = 4_294_967_295

    static func parse(_ line: some BidirectionalCollection<UInt8>) -> ManageSieveLiteralMarker {
        guard line.last == UInt8(ascii: "}") else { return .none }
        var index = line.index(before: line.endIndex)
        var markerLength = 1
        guard index > line.startIndex else { return .none }
        index = line.index(before: index)
        if line[index] == UInt8(ascii: "+") {
            guard index > line.startIndex else { return .none }
            index = line.index(before: index)
            markerLength += 1
        }
        var digits: [UInt8] = []
        while (0x30...0x39).contains(line[index]) {
            digits.append(line[index])
            markerLength += 1
            guard index > line.startIndex else { return .none }
            index = line.index(before: index)
        }
        guard !digits.isEmpty, line[index] == UInt8(ascii: "{") else { return .none }
        markerLength += 1
        var value = 0
        for digit in digits.reversed() {
            value = value * 10 + Int(digit - 0x30)
            if value > maxOctets { return .invalid }
        }
        return .literal(octets: value, markerLength: markerLength)
    }
}
