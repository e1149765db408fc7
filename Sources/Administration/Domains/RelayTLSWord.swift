import Directory

/// `--relay-tls` words: the relay-host rules' words (`none`, `starttls`, `implicit`) plus
/// `may`, the opportunistic STARTTLS a relay domain gets by default (Postfix's levels).
public enum RelayTLSWord {
    public static let words = ["none", "may", "starttls", "implicit"]

    public static func mode(_ word: String) throws(AdminError) -> RelayTarget.TLSMode {
        switch word.lowercased() {
        case "none": return .none
        case "may": return .opportunistic
        case "starttls": return .required
        case "implicit": return .implicit
        default: throw .invalidInput("--relay-tls: expected one of \(words.joined(separator: ", ")), not \(word)")
        }
    }

    public static func word(for mode: RelayTarget.TLSMode) -> String {
        switch mode {
        case .none: return "none"
        case .opportunistic: return "may"
        case .required: return "starttls"
        case .implicit: return "implicit"
        }
    }
}

extension AdminInput {
    /// `HOST[:PORT]` and a `--relay-tls` word (nil = `may`).
    public static func relayTarget(_ text: String, tls: String?) throws(AdminError) -> RelayTarget {
        let mode = try tls.map { word throws(AdminError) in try RelayTLSWord.mode(word) } ?? .opportunistic
        return try directoryCall { () throws(DirectoryError) in try RelayTarget.parse(text, tls: mode) }
    }
}
