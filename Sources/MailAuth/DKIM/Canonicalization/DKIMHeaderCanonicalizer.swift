/// Header field canonicalization (RFC 6376 §3.4.1, §3.4.2).
public enum DKIMHeaderCanonicalizer {
    /// The canonical form of one field, CRLF-terminated.
    ///
    /// - Parameter field: the field as it appears in the CRLF message — name, colon and
    ///   value with its folding line breaks — without the line break that ends it.
    public static func canonicalize<C: Collection>(_ field: C, _ algorithm: DKIMCanonicalization) -> [UInt8]
    where C.Element == UInt8 {
        switch algorithm {
        case .simple:
            // §3.4.1: no change at all.
            return Array(field) + Byte.crlf
        case .relaxed:
            return relaxed(Array(field)) + Byte.crlf
        }
    }

    /// §3.4.2: lower-case name; unfold; runs of WSP become one SP; no WSP at the end of
    /// the value nor around the colon.
    private static func relaxed(_ field: [UInt8]) -> [UInt8] {
        guard let colon = field.firstIndex(of: Byte.colon) else {
            // Not a field (never produced by the parser); compress it all the same.
            return compressedValue(field[...])
        }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var nameEnd = colon
        while nameEnd > 0, Byte.isWSP(field[nameEnd - 1]) { nameEnd -= 1 }
        for b in field[..<nameEnd] { out.append(Byte.lowercased(b)) }
        out.append(Byte.colon)
        out.append(contentsOf: compressedValue(field[(colon + 1)...]))
        return out
    }

    /// The value unfolded, with WSP runs compressed and the ends trimmed.
    private static func compressedValue(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var pendingSpace = false
        for b in value {
            if b == Byte.cr || b == Byte.lf { continue }  // unfolding removes the line breaks only
            if Byte.isWSP(b) {
                pendingSpace = true
                continue
            }
            if pendingSpace, !out.isEmpty { out.append(Byte.space) }
            pendingSpace = false
            out.append(b)
        }
        return out
    }
}
