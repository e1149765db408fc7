/// Rebuilds message bytes after editheader changes.
public enum SieveHeaderRewriter {
    /// `original` with its header replaced by `header`: original fields keep their exact
    /// bytes, added ones are written as "Name: value" CRLF.
    public static func apply(_ header: [SieveHeaderField], to original: [UInt8], bodyStart: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(original.count + 256)
        for field in header {
            if let range = field.sourceRange, range.upperBound <= original.count {
                out.append(contentsOf: original[range])
            } else {
                out.append(contentsOf: Array((field.name + ": " + field.value + "\r\n").utf8))
            }
        }
        out.append(contentsOf: [13, 10])
        if bodyStart < original.count { out.append(contentsOf: original[bodyStart...]) }
        return out
    }
}
