import Foundation

/// Applies header edits to a header block (pure). Fields keep their original octets;
/// removed fields go with their continuation lines; new fields are written with CRLF.
public enum HeaderEditor {
    public static func apply(_ edits: [HeaderEdit], to header: [UInt8]) -> [UInt8] {
        guard !edits.isEmpty else { return header }
        var fields = split(header)
        var prefixes: [String] = []
        var prepended: [UInt8] = []
        for edit in edits {
            switch edit {
            case .prepend(let name, let value):
                prepended += Array("\(name): \(value)\r\n".utf8)
            case .remove(let matches):
                fields.removeAll { field in
                    guard let (name, value) = field.nameAndValue else { return false }
                    return matches(name, value)
                }
            case .prefixSubject(let prefix):
                prefixes.append(prefix)
            }
        }
        if !prefixes.isEmpty {
            let prefix = prefixes.joined(separator: " ")
            if let index = fields.firstIndex(where: { $0.nameAndValue?.0.lowercased() == "subject" }) {
                let raw = fields[index].bytes
                let colon = raw.firstIndex(of: UInt8(ascii: ":"))!
                var rest = Array(raw[(colon + 1)...])
                if rest.first == UInt8(ascii: " ") { rest.removeFirst() }
                fields[index] = Field(bytes: Array(raw[...colon]) + Array(" \(prefix) ".utf8) + rest)
            } else {
                let end = fields.last?.isTerminator == true ? fields.count - 1 : fields.count
                fields.insert(Field(bytes: Array("Subject: \(prefix)\r\n".utf8)), at: end)
            }
        }
        return prepended + fields.flatMap(\.bytes)
    }

    /// One header field with its continuation lines, or the empty line that ends the block.
    struct Field {
        var bytes: [UInt8]

        var isTerminator: Bool { bytes == [0x0D, 0x0A] || bytes == [0x0A] }

        /// The field name and its unfolded, trimmed value.
        var nameAndValue: (String, String)? {
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let name = String(decoding: bytes[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
                .trimmingCharacters(in: .whitespaces)
            return (name, value)
        }
    }

    static func split(_ header: [UInt8]) -> [Field] {
        var fields: [Field] = []
        var lineStart = 0
        var index = 0
        while index < header.count {
            if header[index] == 0x0A {
                let line = Array(header[lineStart...index])
                let continues = line.first == 0x20 || line.first == 0x09
                if continues, !fields.isEmpty, !fields[fields.count - 1].isTerminator {
                    fields[fields.count - 1].bytes += line
                } else {
                    fields.append(Field(bytes: line))
                }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < header.count { fields.append(Field(bytes: Array(header[lineStart...]))) }
        return fields
    }
}

