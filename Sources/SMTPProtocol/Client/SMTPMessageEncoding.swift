/// The message octets as they go on the wire.
enum SMTPMessageEncoding {
    /// Every line end as CRLF (RFC 5321 §2.3.8: a bare LF must not be sent), ending with
    /// CRLF unless empty.
    static func canonical(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 64 + 2)
        var previous: UInt8 = 0
        for byte in content {
            if byte == 0x0A && previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        if !out.isEmpty && !(out.count >= 2 && out[out.count - 2] == 0x0D && out[out.count - 1] == 0x0A) {
            out += [0x0D, 0x0A]
        }
        return out
    }

    /// DATA form (RFC 5321 §4.5.2): canonical lines, a dot doubled at the start of a
    /// line, then the terminating `.CRLF`.
    static func dotStuffed(_ content: [UInt8]) -> [UInt8] {
        let lines = canonical(content)
        var out: [UInt8] = []
        out.reserveCapacity(lines.count + lines.count / 64 + 3)
        var atLineStart = true
        for byte in lines {
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = byte == 0x0A
        }
        out += Array(".\r\n".utf8)
        return out
    }

    /// BDAT form (RFC 3030 §2): canonical octets in chunks, each after its command, the
    /// last with `LAST`. An empty message is one `BDAT 0 LAST`.
    static func chunks(_ content: [UInt8], size: Int) -> [[UInt8]] {
        let octets = canonical(content)
        var result: [[UInt8]] = []
        var start = 0
        repeat {
            let end = min(octets.count, start + size)
            let last = end == octets.count
            var chunk = Array("BDAT \(end - start)\(last ? " LAST" : "")\r\n".utf8)
            chunk += octets[start..<end]
            result.append(chunk)
            start = end
        } while start < octets.count
        return result
    }
}
