/// Modified UTF-7, the encoding of international mailbox names (RFC 3501 §5.1.3):
/// printable US-ASCII stands for itself except "&", written "&-"; other characters go in
/// runs of "&" + modified base64 of UTF-16 (with "," for "/", no padding) + "-".
public enum ModifiedUTF7 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)
    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    /// Encodes a Unicode name.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var run: [UInt16] = []
        func flush() {
            guard !run.isEmpty else { return }
            out.append(0x26)
            var bits: UInt32 = 0
            var count = 0
            for unit in run {
                bits = (bits << 16) | UInt32(unit)
                count += 16
                while count >= 6 {
                    count -= 6
                    out.append(alphabet[Int((bits >> UInt32(count)) & 0x3F)])
                }
                bits &= (1 << UInt32(count)) - 1
            }
            if count > 0 { out.append(alphabet[Int((bits << UInt32(6 - count)) & 0x3F)]) }
            out.append(0x2D)
            run.removeAll()
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(0x2D) }
            } else {
                run.append(contentsOf: scalar.utf16)
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// Why a name is not valid modified UTF-7.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// Decodes strictly: only printable US-ASCII on the wire, every "&" run terminated,
    /// valid UTF-16 inside with zero padding bits, no printable ASCII encoded in a run,
    /// and the canonical form (so every name has exactly one spelling on the wire).
    public static func decode(_ encoded: some Collection<UInt8>) throws(DecodingError) -> String {
        var scalars = String.UnicodeScalarView()
        let input = Array(encoded)
        var i = 0
        while i < input.count {
            let b = input[i]
            guard b >= 0x20 && b <= 0x7E else {
                throw DecodingError(reason: "contains a character that is not printable US-ASCII (names are sent in modified UTF-7)")
            }
            if b != 0x26 {
                scalars.append(Unicode.Scalar(b))
                i += 1
                continue
            }
            // "&" starts a run; "&-" is "&" itself.
            var j = i + 1
            while j < input.count, values[Int(input[j])] >= 0 { j += 1 }
            guard j < input.count, input[j] == 0x2D else {
                throw DecodingError(reason: "an \"&\" sequence is not terminated by \"-\"")
            }
            if j == i + 1 {
                scalars.append("&")
                i = j + 1
                continue
            }
            var units: [UInt16] = []
            var bits: UInt32 = 0
            var count = 0
            for k in (i + 1)..<j {
                bits = (bits << 6) | UInt32(values[Int(input[k])])
                count += 6
                if count >= 16 {
                    count -= 16
                    units.append(UInt16((bits >> UInt32(count)) & 0xFFFF))
                    bits &= (1 << UInt32(count)) - 1
                }
            }
            guard count < 6, bits == 0, !units.isEmpty else {
                throw DecodingError(reason: "an \"&\" sequence has a malformed base64 ending")
            }
            var decoder = UTF16()
            var iterator = units.makeIterator()
            decodeLoop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s):
                    if s.value >= 0x20 && s.value <= 0x7E {
                        throw DecodingError(reason: "an \"&\" sequence encodes a printable US-ASCII character")
                    }
                    scalars.append(s)
                case .emptyInput:
                    break decodeLoop
                case .error:
                    throw DecodingError(reason: "an \"&\" sequence is not valid UTF-16")
                }
            }
            i = j + 1
        }
        let text = String(scalars)
        guard encode(text).utf8.elementsEqual(input) else {
            throw DecodingError(reason: "the modified UTF-7 is not in canonical form (adjacent \"&\" sequences)")
        }
        return text
    }

    public static func decode(_ encoded: String) throws(DecodingError) -> String {
        try decode(Array(encoded.utf8))
    }
}
