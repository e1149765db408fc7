/// RFC 3492 Punycode: the Bootstring encoding of Unicode labels into `[a-z0-9-]`, used by
/// IDNA to turn a U-label into the part of an A-label after `xn--`.
///
/// Both directions are quadratic in the label length, as the algorithm is; DNS labels are at
/// most 63 octets, and callers here check lengths before encoding.
public enum Punycode {
    // RFC 3492 §5 parameter values for Punycode.
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    private static let delimiter = UInt8(ascii: "-")

    /// Encodes `input` (RFC 3492 §6.3). Basic (ASCII) code points are copied as they are, so
    /// callers wanting an IDNA A-label lowercase first. Nil on arithmetic overflow.
    public static func encode(_ input: String) -> String? {
        let codePoints = input.unicodeScalars.map { Int($0.value) }
        var output: [UInt8] = codePoints.filter { $0 < initialN }.map { UInt8($0) }
        let basicCount = output.count
        if basicCount > 0 { output.append(delimiter) }

        var n = initialN
        var delta = 0
        var bias = initialBias
        var handled = basicCount
        while handled < codePoints.count {
            // The next code point to insert: the smallest one not yet handled.
            var m = Int.max
            for c in codePoints where c >= n && c < m { m = c }
            let (step, o1) = (m - n).multipliedReportingOverflow(by: handled + 1)
            let (sum, o2) = delta.addingReportingOverflow(step)
            guard !o1, !o2 else { return nil }
            delta = sum
            n = m
            for c in codePoints {
                if c < n {
                    delta += 1
                    guard delta < Int.max / 2 else { return nil }
                }
                guard c == n else { continue }
                // Emit delta as a generalized variable-length integer (§3.3).
                var q = delta
                var k = base
                while true {
                    let t = threshold(k, bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, firstTime: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes Punycode (RFC 3492 §6.2); nil when `input` is not valid Punycode or decodes to
    /// something that is not a Unicode scalar. Digits are case-insensitive.
    public static func decode(_ input: String) -> String? {
        let bytes = Array(input.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var output: [Int] = []
        var position = 0
        if let lastDelimiter = bytes.lastIndex(of: delimiter) {
            output = bytes[..<lastDelimiter].map { Int($0) }
            position = lastDelimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let d = digitValue(bytes[position]) else { return nil }
                position += 1
                let (product, o1) = d.multipliedReportingOverflow(by: w)
                let (sum, o2) = i.addingReportingOverflow(product)
                guard !o1, !o2 else { return nil }
                i = sum
                let t = threshold(k, bias)
                if d < t { break }
                let (nextW, o3) = w.multipliedReportingOverflow(by: base - t)
                guard !o3 else { return nil }
                w = nextW
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, count, firstTime: oldI == 0)
            let (nextN, o4) = n.addingReportingOverflow(i / count)
            guard !o4, nextN <= 0x10FFFF else { return nil }
            n = nextN
            i %= count
            guard n >= initialN, Unicode.Scalar(UInt32(n)) != nil else { return nil }
            output.insert(n, at: i)
            i += 1
        }
        var result = String.UnicodeScalarView()
        for c in output {
            guard let scalar = Unicode.Scalar(UInt32(c)) else { return nil }
            result.append(scalar)
        }
        return String(result)
    }

    /// RFC 3492 §6.1 bias adaptation.
    private static func adapt(_ delta: Int, _ numPoints: Int, firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        if k <= bias { return tMin }
        if k >= bias + tMax { return tMax }
        return k - bias
    }

    /// 0…25 → a…z, 26…35 → 0…9 (lowercase output, as IDNA A-labels use).
    private static func digit(_ d: Int) -> UInt8 {
        d < 26 ? UInt8(ascii: "a") + UInt8(d) : UInt8(ascii: "0") + UInt8(d - 26)
    }

    private static func digitValue(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(b - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(b - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }
}
