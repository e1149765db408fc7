/// Body canonicalization (RFC 6376 §3.4.3, §3.4.4) of a CRLF body (see `LineEndings`).
///
/// A body whose last line has no line break is treated as if it had one: SMTP adds it
/// when the message is sent (RFC 5321 §4.1.1.4), so this is the body every receiver
/// sees. (dkimpy keeps trailing blanks of such a last line under "relaxed"; for bodies
/// that end with CRLF, as all transmitted bodies do, the results are identical.)
public enum DKIMBodyCanonicalizer {
    public static func canonicalize<C: Collection>(_ body: C, _ algorithm: DKIMCanonicalization) -> [UInt8]
    where C.Element == UInt8, C.Index == Int {
        switch algorithm {
        case .simple: return simple(body)
        case .relaxed: return relaxed(body)
        }
    }

    /// §3.4.3: trailing empty lines removed; an empty body becomes a single CRLF.
    private static func simple<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var end = body.endIndex
        while end - body.startIndex >= 2, body[end - 2] == Byte.cr, body[end - 1] == Byte.lf { end -= 2 }
        var out = Array(body[body.startIndex..<end])
        out.append(contentsOf: Byte.crlf)
        return out
    }

    /// §3.4.4: WSP at line ends removed, other WSP runs reduced to one SP, trailing
    /// empty lines removed; an empty body stays empty.
    private static func relaxed<C: Collection>(_ body: C) -> [UInt8] where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        // Length of `out` after the last non-empty line (with its CRLF): empty lines are
        // only kept once more content follows them.
        var committed = 0
        var lineHasContent = false
        var pendingSpace = false
        var i = body.startIndex
        let end = body.endIndex
        while i < end {
            let b = body[i]
            if b == Byte.cr, i + 1 < end, body[i + 1] == Byte.lf {
                pendingSpace = false  // WSP before the line end is dropped
                out.append(contentsOf: Byte.crlf)
                if lineHasContent { committed = out.count }
                lineHasContent = false
                i += 2
                continue
            }
            if Byte.isWSP(b) {
                pendingSpace = true
            } else {
                if pendingSpace { out.append(Byte.space) }
                pendingSpace = false
                out.append(b)
                lineHasContent = true
            }
            i += 1
        }
        if lineHasContent {
            // Last line without a line break: it gets one (see the type's comment).
            out.append(contentsOf: Byte.crlf)
            committed = out.count
        }
        out.removeSubrange(committed...)
        return out
    }
}
