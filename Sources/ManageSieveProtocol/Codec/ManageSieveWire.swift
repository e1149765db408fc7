/// Server-to-client strings (RFC 5804 §4): quoted when the text allows, otherwise a
/// `literal-s2c` `{n}` CRLF octets.
enum ManageSieveWire {
    static let crlf: [UInt8] = [0x0D, 0x0A]

    /// A quoted string if the octets are UTF-8 of at most 1024 octets without NUL, CR or LF;
    /// otherwise a literal. Either way nothing in the text can break the framing.
    static func string(_ octets: [UInt8]) -> [UInt8] {
        let quotable = octets.count <= ManageSieveTokenizer.maxQuotedLength
            && !octets.contains(where: { $0 == 0x00 || $0 == 0x0D || $0 == 0x0A })
            && String(validating: octets, as: UTF8.self) != nil
        return quotable ? quoted(octets) : literal(octets)
    }

    static func quoted(_ octets: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(octets.count + 2)
        for byte in octets {
            if byte == 0x22 || byte == 0x5C { out.append(0x5C) }
            out.append(byte)
        }
        out.append(0x22)
        return out
    }

    static func literal(_ octets: [UInt8]) -> [UInt8] {
        Array("{\(octets.count)}".utf8) + crlf + octets
    }
}
