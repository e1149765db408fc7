/// Plain base64 (RFC 4648 §4) without line breaks, for SASL exchanges, with a strict
/// decoder: anything outside the alphabet, or misplaced padding, is an error (RFC 4959
/// and RFC 3501 §6.2.2 want such responses rejected).
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    static func encode(_ data: some Collection<UInt8>) -> [UInt8] {
        let input = Array(data)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= input.count {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = input.count - i
        if rest == 1 {
            let n = UInt32(input[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], 0x3D, 0x3D]
        } else if rest == 2 {
            let n = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], 0x3D]
        }
        return out
    }

    /// Nil unless `text` is canonical padded base64.
    static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(text)
        guard input.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var i = 0
        while i < input.count {
            let isLast = i + 4 == input.count
            let a = values[Int(input[i])], b = values[Int(input[i + 1])]
            guard a >= 0, b >= 0 else { return nil }
            let c = input[i + 2], d = input[i + 3]
            if isLast && c == 0x3D {
                guard d == 0x3D, b & 0x0F == 0 else { return nil }
                out.append(UInt8(a) << 2 | UInt8(b) >> 4)
            } else if isLast && d == 0x3D {
                let cv = values[Int(c)]
                guard cv >= 0, cv & 0x03 == 0 else { return nil }
                out.append(UInt8(a) << 2 | UInt8(b) >> 4)
                out.append(UInt8(b & 0x0F) << 4 | UInt8(cv) >> 2)
            } else {
                let cv = values[Int(c)], dv = values[Int(d)]
                guard cv >= 0, dv >= 0 else { return nil }
                out.append(UInt8(a) << 2 | UInt8(b) >> 4)
                out.append(UInt8(b & 0x0F) << 4 | UInt8(cv) >> 2)
                out.append(UInt8(cv & 0x03) << 6 | UInt8(dv))
            }
            i += 4
        }
        return out
    }
}
