/// Small string helpers, kept in a namespace rather than as extensions on standard
/// types so that they can never clash with another module's.
enum Text {
    /// Trims spaces, tabs and line breaks at both ends.
    static func trim(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = text.firstIndex(where: { !isSpace($0) }),
              let end = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(text[start...end])
    }

    /// `text` without `prefix` (compared case-insensitively), or nil when it does not start with it.
    static func dropPrefix(_ text: String, _ prefix: String) -> String? {
        guard text.lowercased().hasPrefix(prefix) else { return nil }
        return String(text.dropFirst(prefix.count))
    }

    static func isDigit(_ ch: Character) -> Bool {
        ("0"..."9").contains(ch)
    }
}
