/// Parsers for the listings a fetcher needs: UIDL (RFC 1939 §7), LIST and STAT
/// (RFC 1939 §5), CAPA (RFC 2449 §5).
public enum POP3Listing {
    /// `msg unique-id` lines. RFC 1939 §7: the id is 1 to 70 characters 0x21–0x7E;
    /// lines that do not parse are skipped (a server bug must not stop the fetch of the rest).
    public static func uidl(_ reply: POP3ClientReply) -> [(number: Int, uid: String)] {
        reply.lines.compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let number = Int(parts[0]), number > 0 else { return nil }
            let uid = String(parts[1])
            guard (1...70).contains(uid.utf8.count), uid.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
            return (number, uid)
        }
    }

    /// `msg octets` lines of LIST.
    public static func sizes(_ reply: POP3ClientReply) -> [(number: Int, size: Int)] {
        reply.lines.compactMap { line in
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let number = Int(parts[0]), let size = Int(parts[1]) else { return nil }
            return (number, size)
        }
    }

    /// The `+OK nn mm` of STAT: message count and total size.
    public static func stat(_ reply: POP3ClientReply) -> (count: Int, size: Int)? {
        let parts = reply.text.split(separator: " ")
        guard parts.count >= 2, let count = Int(parts[0]), let size = Int(parts[1]) else { return nil }
        return (count, size)
    }

    /// Capability names, upper-cased, with their arguments (`SASL` → `["PLAIN", "LOGIN"]`).
    public static func capabilities(_ reply: POP3ClientReply) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for line in reply.lines {
            let parts = line.split(separator: " ").map(String.init)
            guard let name = parts.first else { continue }
            result[name.uppercased()] = Array(parts.dropFirst())
        }
        return result
    }
}
