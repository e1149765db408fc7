/// The comparators of RFC 4790 that Sieve scripts may name with `:comparator`.
public enum SieveComparator: String, Sendable, Hashable, CaseIterable {
    case octet = "i;octet"
    case asciiCasemap = "i;ascii-casemap"
    case asciiNumeric = "i;ascii-numeric"

    /// The capability a script must require to name this comparator (RFC 5228 §2.7.3:
    /// i;octet and i;ascii-casemap are always there).
    var requiredExtension: SieveExtension? {
        self == .asciiNumeric ? .comparatorASCIINumeric : nil
    }

    /// i;ascii-numeric defines only equality and ordering (RFC 4790 §9.1).
    var supportsSubstrings: Bool { self != .asciiNumeric }

    /// ASCII letters lower-cased (i;ascii-casemap folds nothing else).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value >= 0x41, scalar.value <= 0x5A, let lower = Unicode.Scalar(scalar.value + 0x20) { return lower }
        return scalar
    }

    /// The units compared: bytes for i;octet, ASCII-folded bytes for i;ascii-casemap.
    func key(_ text: String) -> [UInt8] {
        switch self {
        case .asciiCasemap:
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        default:
            return Array(text.utf8)
        }
    }

    func equals(_ value: String, _ key: String) -> Bool {
        compare(value, key) == 0
    }

    /// Ordering for :value (RFC 5231): -1, 0 or 1.
    func compare(_ a: String, _ b: String) -> Int {
        switch self {
        case .asciiNumeric:
            return Self.compareNumeric(a, b)
        default:
            let x = key(a), y = key(b)
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        }
    }

    /// RFC 4790 §9.1: the value of the leading digits; a string that does not start with a
    /// digit is positive infinity, equal to any other such string.
    static func compareNumeric(_ a: String, _ b: String) -> Int {
        func digits(_ s: String) -> ArraySlice<UInt8>? {
            let bytes = Array(s.utf8)
            let count = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            guard count > 0 else { return nil }
            let d = bytes[0..<count]
            let significant = d.drop { $0 == 0x30 }
            return significant
        }
        switch (digits(a), digits(b)) {
        case (nil, nil): return 0
        case (nil, _): return 1
        case (_, nil): return -1
        case (let x?, let y?):
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return 0
        }
    }

    func contains(_ value: String, _ key: String) -> Bool {
        let haystack = self.key(value), needle = self.key(key)
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        guard let first = needle.first else { return true }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
