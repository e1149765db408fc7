/// IPv4/IPv6 text to bytes, for network keys and reversed DNS names (no DNS dependency).
enum IPAddressText {
    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isNumber), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ raw: String) -> [UInt8]? {
        var text = raw.lowercased()
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        guard text.contains(":") else { return nil }
        var tail: [UInt8] = []
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = ipv4(String(text[text.index(after: lastColon)...])) else { return nil }
            tail = v4
            text = String(text[...lastColon]) + "0:0"
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let rest = groups(halves[1]), head.count + rest.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - rest.count) + rest
        }
        guard all.count == 8 else { return nil }
        var bytes = all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        if !tail.isEmpty { bytes.replaceSubrange(12..<16, with: tail) }
        return bytes
    }

    /// Addresses never looked up in blocklists: loopback, private, link-local,
    /// unspecified, CGNAT, unique local.
    static func isPrivate(_ text: String) -> Bool {
        if let b = ipv4(text) {
            return b[0] == 127 || b[0] == 10 || b[0] == 0 || (b[0] == 172 && (16...31).contains(b[1]))
                || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (64...127).contains(b[1]))
        }
        if let b = ipv6(text) {
            if b.dropLast().allSatisfy({ $0 == 0 }) { return true }   // :: and ::1
            if b[0] & 0xFE == 0xFC { return true }                     // fc00::/7
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }      // fe80::/10
            if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {
                return isPrivate(b[12..<16].map(String.init).joined(separator: "."))
            }
            return false
        }
        return true
    }

    /// `192.0.2.1` → `1.2.0.192`; IPv6 as 32 reversed nibbles.
    static func reversed(_ text: String) -> String? {
        if let b = ipv4(text) { return b.reversed().map(String.init).joined(separator: ".") }
        if let b = ipv6(text) {
            return b.reversed().flatMap { [String($0 & 0xF, radix: 16), String($0 >> 4, radix: 16)] }.joined(separator: ".")
        }
        return nil
    }
}
