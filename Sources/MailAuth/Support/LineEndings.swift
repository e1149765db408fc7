/// Line-ending handling for messages that reach us from files or pipes.
///
/// DKIM is defined on the message as transmitted by SMTP, where every line ends with
/// CRLF (RFC 6376 §3.4, §5.3). Messages stored with bare LF (Unix mbox, Maildir, files
/// written by scripts) are therefore treated as if each bare LF were CRLF — the form
/// they take once sent — which is also what dkimpy and OpenDKIM do. A lone CR is not a
/// line end for DKIM and stays content.
public enum LineEndings {
    /// The bytes with every LF that is not preceded by CR turned into CRLF.
    public static func crlfNormalized(_ bytes: [UInt8]) -> [UInt8] {
        guard usesBareLF(bytes) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32 + 2)
        var previous: UInt8 = 0
        for b in bytes {
            if b == Byte.lf, previous != Byte.cr { out.append(Byte.cr) }
            out.append(b)
            previous = b
        }
        return out
    }

    /// True when some LF is not preceded by CR.
    public static func usesBareLF(_ bytes: [UInt8]) -> Bool {
        var previous: UInt8 = 0
        for b in bytes {
            if b == Byte.lf, previous != Byte.cr { return true }
            previous = b
        }
        return false
    }

    /// The line break a message uses: LF when it has bare LFs and no CRLF at all, CRLF
    /// otherwise (and for messages without any line break).
    public static func style(of bytes: [UInt8]) -> [UInt8] {
        var sawBareLF = false
        var previous: UInt8 = 0
        for b in bytes {
            if b == Byte.lf {
                if previous == Byte.cr { return Byte.crlf }
                sawBareLF = true
            }
            previous = b
        }
        return sawBareLF ? [Byte.lf] : Byte.crlf
    }

    /// Converts CRLF-terminated bytes that we generated to `style` (CRLF or LF).
    static func converting(_ crlfBytes: [UInt8], to style: [UInt8]) -> [UInt8] {
        guard style == [Byte.lf] else { return crlfBytes }
        var out: [UInt8] = []
        out.reserveCapacity(crlfBytes.count)
        var i = 0
        while i < crlfBytes.count {
            if crlfBytes[i] == Byte.cr, i + 1 < crlfBytes.count, crlfBytes[i + 1] == Byte.lf {
                i += 1
                continue
            }
            out.append(crlfBytes[i])
            i += 1
        }
        return out
    }
}
