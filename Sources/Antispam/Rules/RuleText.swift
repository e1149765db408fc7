/// A text rules match, in the UTF-16 units ICU reads (converted once per message), with
/// the way from the UTF-8 offsets the literal prefilter reports to UTF-16 ones.
struct RuleText: Sendable {
    private let units: [UInt16]
    /// UTF-16 offset of each UTF-8 offset that starts a scalar; nil when the text is
    /// ASCII and the two are the same.
    private let utf16Offsets: [Int32]?

    init(_ string: String) {
        if let ascii = Self.widenedASCII(string) {
            units = ascii
            utf16Offsets = nil
            return
        }
        units = Array(string.utf16)
        // UTF-8 is longer than UTF-16 for every scalar but ASCII ones.
        guard string.utf8.count != units.count else { utf16Offsets = nil; return }
        var offsets = [Int32](repeating: 0, count: string.utf8.count + 1)
        var utf8 = 0, utf16 = 0
        for scalar in string.unicodeScalars {
            offsets[utf8] = Int32(utf16)
            utf8 += UTF8.width(scalar)
            utf16 += UTF16.width(scalar)
        }
        offsets[utf8] = Int32(utf16)
        utf16Offsets = offsets
    }

    /// An ASCII text's bytes as UTF-16 units (a plain widening loop; the UTF-16 view
    /// decodes scalar by scalar), or nil when the text is not ASCII or not contiguous.
    private static func widenedASCII(_ string: String) -> [UInt16]? {
        string.utf8.withContiguousStorageIfAvailable { bytes -> [UInt16]? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return [UInt16](unsafeUninitializedCapacity: bytes.count) { units, count in
                for (i, byte) in bytes.enumerated() { units[i] = UInt16(byte) }
                count = bytes.count
            }
        } ?? nil
    }

    var utf8Count: Int { utf16Offsets.map { $0.count - 1 } ?? units.count }

    /// The UTF-16 offset of a UTF-8 offset on a scalar boundary (at most `utf8Count`).
    func utf16Offset(ofUTF8 offset: Int) -> Int {
        utf16Offsets.map { Int($0[offset]) } ?? offset
    }

    /// The text of a UTF-16 range ICU reported (always on scalar boundaries).
    subscript(range: Range<Int>) -> String {
        String(decoding: units[range], as: UTF16.self)
    }

    /// The units and their count, for ICU (which refuses a null pointer, even for an
    /// empty text).
    func withUTF16<R>(_ body: (UnsafePointer<UInt16>, Int) -> R) -> R {
        if units.isEmpty {
            let empty: [UInt16] = [0]
            return empty.withUnsafeBufferPointer { body($0.baseAddress!, 0) }
        }
        return units.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
}
