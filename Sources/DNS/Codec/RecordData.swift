/// MX RDATA (RFC 1035 §3.3.9).
public struct MXRecord: Sendable, Hashable {
    /// Lower is preferred.
    public var preference: UInt16
    public var exchange: DNSName

    public init(preference: UInt16, exchange: DNSName) {
        self.preference = preference
        self.exchange = exchange
    }
}

/// TXT RDATA (RFC 1035 §3.3.14): one or more character-strings of up to 255 bytes each.
/// Long values (DKIM keys) are split by the publisher; their meaning is the concatenation
/// (RFC 6376 §3.6.2.2, RFC 7208 §3.3).
public struct TXTRecord: Sendable, Hashable {
    public var strings: [[UInt8]]

    public init(strings: [[UInt8]]) {
        self.strings = strings
    }

    /// Splits `text` into 255-byte character-strings.
    public init(text: String) {
        let bytes = Array(text.utf8)
        var strings: [[UInt8]] = []
        var index = 0
        repeat {
            let end = min(index + 255, bytes.count)
            strings.append(Array(bytes[index..<end]))
            index = end
        } while index < bytes.count
        self.strings = strings
    }

    /// The character-strings concatenated without separator.
    public var joinedBytes: [UInt8] { strings.flatMap { $0 } }

    /// The concatenation as text (invalid UTF-8 replaced).
    public var text: String { String(decoding: joinedBytes, as: UTF8.self) }

    /// Each character-string as text (invalid UTF-8 replaced).
    public var stringValues: [String] { strings.map { String(decoding: $0, as: UTF8.self) } }
}

/// SOA RDATA (RFC 1035 §3.3.13).
public struct SOARecord: Sendable, Hashable {
    public var primaryNameserver: DNSName
    public var responsibleMailbox: DNSName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// The negative-caching TTL (RFC 2308 §4).
    public var minimum: UInt32

    public init(primaryNameserver: DNSName, responsibleMailbox: DNSName, serial: UInt32,
                refresh: UInt32, retry: UInt32, expire: UInt32, minimum: UInt32) {
        self.primaryNameserver = primaryNameserver
        self.responsibleMailbox = responsibleMailbox
        self.serial = serial
        self.refresh = refresh
        self.retry = retry
        self.expire = expire
        self.minimum = minimum
    }
}

/// TLSA RDATA (RFC 6698 §2.1), used by DANE for SMTP (RFC 7672).
public struct TLSARecord: Sendable, Hashable {
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    public var certificateUsage: UInt8
    /// 0 full certificate, 1 SubjectPublicKeyInfo.
    public var selector: UInt8
    /// 0 exact, 1 SHA-256, 2 SHA-512.
    public var matchingType: UInt8
    public var associationData: [UInt8]

    public init(certificateUsage: UInt8, selector: UInt8, matchingType: UInt8, associationData: [UInt8]) {
        self.certificateUsage = certificateUsage
        self.selector = selector
        self.matchingType = matchingType
        self.associationData = associationData
    }
}

/// The typed content of a resource record. Types Postino does not interpret keep their
/// bytes (RFC 3597).
public enum RecordData: Sendable, Hashable {
    case a(IPv4Address)
    case aaaa(IPv6Address)
    case mx(MXRecord)
    case txt(TXTRecord)
    case ptr(DNSName)
    case cname(DNSName)
    case ns(DNSName)
    case soa(SOARecord)
    case tlsa(TLSARecord)
    case unknown(DNSRecordType, [UInt8])

    /// The TYPE this data belongs to.
    public var type: DNSRecordType {
        switch self {
        case .a: return .a
        case .aaaa: return .aaaa
        case .mx: return .mx
        case .txt: return .txt
        case .ptr: return .ptr
        case .cname: return .cname
        case .ns: return .ns
        case .soa: return .soa
        case .tlsa: return .tlsa
        case .unknown(let type, _): return type
        }
    }
}

extension RecordData: CustomStringConvertible {
    /// Zone-file presentation of the RDATA (RFC 1035 §5.1, RFC 3597 §5 for unknown types).
    public var description: String {
        switch self {
        case .a(let address): return address.description
        case .aaaa(let address): return address.description
        case .mx(let mx): return "\(mx.preference) \(mx.exchange)"
        case .txt(let txt): return txt.strings.map(Self.quoted).joined(separator: " ")
        case .ptr(let name), .cname(let name), .ns(let name): return name.description
        case .soa(let soa):
            return "\(soa.primaryNameserver) \(soa.responsibleMailbox) \(soa.serial) \(soa.refresh) \(soa.retry) \(soa.expire) \(soa.minimum)"
        case .tlsa(let tlsa):
            return "\(tlsa.certificateUsage) \(tlsa.selector) \(tlsa.matchingType) \(Self.hex(tlsa.associationData))"
        case .unknown(_, let bytes):
            return bytes.isEmpty ? "\\# 0" : "\\# \(bytes.count) \(Self.hex(bytes))"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var out = String.UnicodeScalarView()
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(out)
    }

    /// A character-string in double quotes; `"` and `\` escaped, other bytes outside
    /// printable ASCII as `\DDD`.
    static func quoted(_ bytes: [UInt8]) -> String {
        var out = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out += "\\" + String(UnicodeScalar(byte))
            case 0x20...0x7E:
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let digits = String(byte)
                out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return out + "\""
    }
}

/// One resource record (RFC 1035 §4.1.3).
public struct DNSResourceRecord: Sendable, Hashable, CustomStringConvertible {
    public var name: DNSName
    public var recordClass: DNSClass
    /// Seconds. RFC 2181 §8: values with the top bit set are treated as 0.
    public var ttl: UInt32
    public var data: RecordData

    public var type: DNSRecordType { data.type }

    public init(name: DNSName, recordClass: DNSClass = .internet, ttl: UInt32, data: RecordData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    /// `name TTL CLASS TYPE data`, as in a zone file.
    public var description: String {
        "\(name) \(ttl) \(recordClass) \(type) \(data)"
    }
}

/// A question (RFC 1035 §4.1.2).
public struct DNSQuestion: Sendable, Hashable {
    public var name: DNSName
    public var type: DNSRecordType
    public var questionClass: DNSClass

    public init(name: DNSName, type: DNSRecordType, questionClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.questionClass = questionClass
    }
}
