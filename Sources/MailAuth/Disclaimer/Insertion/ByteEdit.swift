/// A replacement of a byte range of the message (an insertion when the range is
/// empty). Edits never overlap; everything outside them is kept byte for byte.
struct ByteEdit: Sendable {
    var range: Range<Int>
    var replacement: [UInt8]

    /// Applies non-overlapping edits, last first so that earlier offsets stay valid.
    static func apply(_ edits: [ByteEdit], to bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let ordered = edits.enumerated().sorted {
            // At equal positions, a later-added edit goes first so that the earlier
            // one ends up in front of it.
            $0.element.range.lowerBound != $1.element.range.lowerBound
                ? $0.element.range.lowerBound > $1.element.range.lowerBound
                : $0.offset > $1.offset
        }
        for (_, edit) in ordered {
            out.replaceSubrange(edit.range, with: edit.replacement)
        }
        return out
    }
}
