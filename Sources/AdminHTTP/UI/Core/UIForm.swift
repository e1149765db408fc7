import Foundation

/// An `application/x-www-form-urlencoded` body (or query): every value of every name, in
/// order (a `<select multiple>` or repeated checkbox sends a name several times).
struct UIForm: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    init(encoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields.append((Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : ""))
        }
    }

    /// `+` is a space in this encoding (HTML §4.10.21.7), then percent-decoding.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value, trimmed; nil when absent.
    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// The first value, untrimmed (passwords, Markdown).
    func raw(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// The trimmed value, "" when absent.
    func text(_ name: String) -> String { self[name] ?? "" }

    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    /// A checkbox: present (any value but "false"/"off") means on.
    func isChecked(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        return value != "false" && value != "off"
    }

    /// Items of a list field: one per line or comma-separated, blanks dropped.
    func list(_ name: String) -> [String] {
        // A textarea sends CRLF, one Character ("\r\n") in Swift: isNewline covers it.
        text(name).split(whereSeparator: { $0.isNewline || $0 == "," })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension UIForm {
    /// Every field's first value, for drawing a form again as it was sent.
    var values: [String: String] {
        var values: [String: String] = [:]
        for field in fields where values[field.name] == nil && field.name != "csrf" && field.name != "password" {
            values[field.name] = field.value
        }
        return values
    }
}
