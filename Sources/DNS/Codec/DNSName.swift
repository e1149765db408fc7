/// A domain name as a sequence of labels (RFC 1035 §3.1). Comparison and hashing ignore
/// ASCII case (RFC 4343); the original spelling is kept for display.
public struct DNSName: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The labels, most specific first, without the empty root label.
    public let labels: [[UInt8]]

    /// RFC 1035 §2.3.4.
    public static let maximumLabelLength = 63
    /// RFC 1035 §2.3.4: 255 octets on the wire, length bytes and the root byte included.
    public static let maximumWireLength = 255

    /// The root name `.`.
    public static let root = DNSName(unchecked: [])

    init(unchecked labels: [[UInt8]]) {
        self.labels = labels
    }

    /// A name from labels; nil when a label is empty or too long, or the name too long.
    public init?(labels: [[UInt8]]) {
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= Self.maximumLabelLength }),
              Self.wireLength(of: labels) <= Self.maximumWireLength else { return nil }
        self.labels = labels
    }

    /// Parses presentation format: `mail.example.com`, `mail.example.com.` (the final dot
    /// is optional: every name is absolute), `.` for the root. A label may contain `\.`,
    /// `\\` or `\DDD` escapes (RFC 1035 §5.1). Nil on empty labels or over-long names.
    public init?(_ text: String) {
        if text == "." {
            self.init(unchecked: [])
            return
        }
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 4 * Self.maximumWireLength else { return nil }
        var index = 0
        var endedWithDot = false
        while index < bytes.count {
            let byte = bytes[index]
            endedWithDot = false
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { return nil }
                let next = bytes[index + 1]
                if Self.isDigit(next) {
                    guard index + 3 < bytes.count, Self.isDigit(bytes[index + 2]), Self.isDigit(bytes[index + 3])
                    else { return nil }
                    let value = Int(next - 48) * 100 + Int(bytes[index + 2] - 48) * 10 + Int(bytes[index + 3] - 48)
                    guard value <= 255 else { return nil }
                    current.append(UInt8(value))
                    index += 4
                } else {
                    current.append(next)
                    index += 2
                }
            } else if byte == UInt8(ascii: ".") {
                guard !current.isEmpty else { return nil }
                labels.append(current)
                current = []
                index += 1
                endedWithDot = true
            } else {
                current.append(byte)
                index += 1
            }
            guard current.count <= Self.maximumLabelLength else { return nil }
        }
        if !endedWithDot {
            guard !current.isEmpty else { return nil }
            labels.append(current)
        }
        self.init(labels: labels)
    }

    /// Number of octets of the uncompressed wire form.
    public var wireLength: Int { Self.wireLength(of: labels) }

    static func wireLength(of labels: [[UInt8]]) -> Int {
        labels.reduce(1) { $0 + 1 + $1.count }
    }

    public var isRoot: Bool { labels.isEmpty }

    /// The name without its first label (the root's parent is the root).
    public var parent: DNSName { isRoot ? self : DNSName(unchecked: Array(labels.dropFirst())) }

    /// `label.self`, or nil when the result would be too long or the label invalid.
    public func prepending(_ label: String) -> DNSName? {
        DNSName(labels: [Array(label.utf8)] + labels)
    }

    /// True when `self` equals `other` or lies below it.
    public func isSubdomain(of other: DNSName) -> Bool {
        guard labels.count >= other.labels.count else { return false }
        return Array(lowercasedLabels.suffix(other.labels.count)) == other.lowercasedLabels
    }

    /// The labels in ASCII lower case, the form names are compared in.
    public var lowercasedLabels: [[UInt8]] {
        labels.map { $0.map(Self.lowercase) }
    }

    /// Presentation form with a trailing dot; dots, backslashes, spaces and non-printable
    /// bytes inside labels are escaped so the text parses back to the same name.
    public var description: String {
        guard !isRoot else { return "." }
        var out = ""
        for label in labels {
            for byte in label {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: ";"),
                     UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"), UInt8(ascii: "$"):
                    out += "\\" + String(UnicodeScalar(byte))
                case 0x21...0x7E:
                    out.unicodeScalars.append(UnicodeScalar(byte))
                default:
                    out += "\\" + Self.threeDigits(byte)
                }
            }
            out += "."
        }
        return out
    }

    /// The presentation form without the trailing dot (what mail software shows).
    public var withoutTrailingDot: String {
        let text = description
        return isRoot ? text : String(text.dropLast())
    }

    public static func == (lhs: DNSName, rhs: DNSName) -> Bool {
        guard lhs.labels.count == rhs.labels.count else { return false }
        for (a, b) in zip(lhs.labels, rhs.labels) {
            guard a.count == b.count else { return false }
            for (x, y) in zip(a, b) where lowercase(x) != lowercase(y) { return false }
        }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(labels.count)
        for label in labels {
            hasher.combine(label.count)
            for byte in label { hasher.combine(Self.lowercase(byte)) }
        }
    }

    /// Orders names by their lower-cased presentation form (for stable output).
    public static func < (lhs: DNSName, rhs: DNSName) -> Bool {
        lhs.description.lowercased() < rhs.description.lowercased()
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func threeDigits(_ byte: UInt8) -> String {
        let digits = String(byte)
        return String(repeating: "0", count: 3 - digits.count) + digits
    }
}
