/// A resource record TYPE (RFC 1035 §3.2.2 and later registrations). Any 16-bit value is
/// representable; the ones Postino interprets have names.
public struct DNSRecordType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = DNSRecordType(rawValue: 1)
    public static let ns = DNSRecordType(rawValue: 2)
    public static let cname = DNSRecordType(rawValue: 5)
    public static let soa = DNSRecordType(rawValue: 6)
    public static let ptr = DNSRecordType(rawValue: 12)
    public static let mx = DNSRecordType(rawValue: 15)
    public static let txt = DNSRecordType(rawValue: 16)
    public static let aaaa = DNSRecordType(rawValue: 28)   // RFC 3596
    public static let opt = DNSRecordType(rawValue: 41)    // RFC 6891
    public static let tlsa = DNSRecordType(rawValue: 52)   // RFC 6698
    public static let any = DNSRecordType(rawValue: 255)

    private static let names: [(DNSRecordType, String)] = [
        (.a, "A"), (.ns, "NS"), (.cname, "CNAME"), (.soa, "SOA"), (.ptr, "PTR"), (.mx, "MX"),
        (.txt, "TXT"), (.aaaa, "AAAA"), (.opt, "OPT"), (.tlsa, "TLSA"), (.any, "ANY"),
    ]

    /// `A`, `MX`…, or `TYPE123` for types without a mnemonic (RFC 3597 §5).
    public var description: String {
        Self.names.first { $0.0 == self }?.1 ?? "TYPE\(rawValue)"
    }

    /// Parses a mnemonic (any case) or the `TYPEnnn` form.
    public init?(_ text: String) {
        let upper = text.uppercased()
        if let known = Self.names.first(where: { $0.1 == upper }) {
            self = known.0
        } else if upper.hasPrefix("TYPE"), let value = UInt16(upper.dropFirst(4)) {
            self.init(rawValue: value)
        } else {
            return nil
        }
    }
}

/// CLASS values; Postino only asks about IN.
public struct DNSClass: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let internet = DNSClass(rawValue: 1)

    public var description: String { self == .internet ? "IN" : "CLASS\(rawValue)" }
}

/// RCODE, including the extended values carried in the EDNS0 OPT record (RFC 6891 §6.1.3).
public struct DNSResponseCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let noError = DNSResponseCode(rawValue: 0)
    public static let formatError = DNSResponseCode(rawValue: 1)
    public static let serverFailure = DNSResponseCode(rawValue: 2)
    public static let nameError = DNSResponseCode(rawValue: 3)   // NXDOMAIN
    public static let notImplemented = DNSResponseCode(rawValue: 4)
    public static let refused = DNSResponseCode(rawValue: 5)
    public static let badVersion = DNSResponseCode(rawValue: 16)  // RFC 6891 §9

    public var description: String {
        switch rawValue {
        case 0: return "NOERROR"
        case 1: return "FORMERR"
        case 2: return "SERVFAIL"
        case 3: return "NXDOMAIN"
        case 4: return "NOTIMP"
        case 5: return "REFUSED"
        case 16: return "BADVERS"
        default: return "RCODE\(rawValue)"
        }
    }
}

/// OPCODE (RFC 1035 §4.1.1); only QUERY is sent.
public struct DNSOpcode: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }
    public static let query = DNSOpcode(rawValue: 0)
}
