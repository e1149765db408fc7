import Crypto

/// What identifies a message across servers for the skip rule: its Message-ID (or, without
/// one, a digest of its Date, From, To and Subject fields), its size and its internal date.
public struct MessageKey: Hashable, Sendable {
    public var identity: String
    public var size: Int
    /// Seconds since 1970.
    public var internalDate: Int64

    public init(identity: String, size: Int, internalDate: Int64) {
        self.identity = identity
        self.size = size
        self.internalDate = internalDate
    }

    /// The header fields the identity is computed from (what the remote FETCH asks for).
    public static let fields = ["MESSAGE-ID", "DATE", "FROM", "TO", "SUBJECT"]

    /// The identity from a header block (or a whole message: reading stops at the blank line).
    public static func identity(header bytes: [UInt8]) -> String {
        let fields = headerFields(bytes)
        if let id = fields.first(where: { $0.name == "message-id" })?.value, !id.isEmpty {
            return "id:" + id
        }
        var hash = SHA256()
        for name in ["date", "from", "to", "subject"] {
            for field in fields where field.name == name {
                hash.update(data: Array("\(name):\(field.value)\n".utf8))
            }
        }
        return "h:" + hash.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }

    /// Unfolded fields with lower-cased names and whitespace-collapsed values, up to the
    /// end of the header.
    static func headerFields(_ bytes: [UInt8]) -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        var lines: [[UInt8]] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 10 {
                var line = Array(bytes[start..<index])
                if line.last == 13 { line.removeLast() }
                if line.isEmpty { break }
                lines.append(line)
                start = index + 1
            }
            index += 1
        }
        var current: [UInt8] = []
        func flush() {
            guard let colon = current.firstIndex(of: UInt8(ascii: ":")) else { return }
            let name = String(decoding: current[..<colon], as: UTF8.self).trimmingSpaces.lowercased()
            let value = String(decoding: current[(colon + 1)...], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            fields.append((name, value))
        }
        for line in lines {
            if line.first == 0x20 || line.first == 0x09 {
                current.append(0x20)
                current.append(contentsOf: line)
            } else {
                if !current.isEmpty { flush() }
                current = line
            }
        }
        if !current.isEmpty { flush() }
        return fields
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
