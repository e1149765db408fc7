import Directory
import MailCore

/// Parsing of what an administrator types (CLI arguments, API fields) into the values the
/// operations take. `label` names the input in the message: the CLI passes its option
/// (`--quota`), the API its field name (`quota`).
public enum AdminInput {
    /// `alice@example.com`.
    public static func address(_ text: String, label: String) throws(AdminError) -> EmailAddress {
        do { return try EmailAddress.parse(text) } catch {
            throw .invalidInput("\(label): invalid address \"\(text)\": \(error.message)")
        }
    }

    /// `2G`, `500M`, `none`/`unlimited`, `default`.
    public static func quota(_ text: String, label: String = "--quota") throws(AdminError) -> Quota {
        switch text.lowercased() {
        case "none", "unlimited": return .unlimited
        case "default": return .serverDefault
        default:
            guard let bytes = ValueSyntax.parseSize(text) else {
                throw .invalidInput("\(label): expected a size like 500M or 2G, or none, got \"\(text)\"")
            }
            return .bytes(bytes)
        }
    }

    /// Days spam stays in Junk (0 = forever), or `default` (nil: `spam.retention_days`).
    public static func spamRetention(_ text: String, label: String = "--spam-retention") throws(AdminError) -> Int? {
        if text == "default" { return nil }
        guard let days = Int(text), SettingKey.spamRetentionRange.contains(Int64(days)) else {
            let range = SettingKey.spamRetentionRange
            throw .invalidInput("\(label): expected a number of days (\(range.lowerBound)-\(range.upperBound)) or default, got \"\(text)\"")
        }
        return days
    }

    /// `host`, `host:port` or `[ipv6]:port`: where a relay domain's mail goes.
    public static func relayTarget(_ text: String) throws(AdminError) -> RelayTarget {
        try directoryCall { () throws(DirectoryError) in try RelayTarget.parse(text) }
    }

    /// `user:NAME`, `group:NAME`, `public:NAME` or an email address.
    public static func destination(_ text: String) throws(AdminError) -> AddressDestination {
        try directoryCall { () throws(DirectoryError) in try AddressDestination.parse(text) }
    }
}

/// A user's quota as given: the server default, unlimited, or a number of bytes.
public enum Quota: Sendable, Hashable {
    /// The `quota.default` setting.
    case serverDefault
    case unlimited
    case bytes(Int64)

    /// The directory's form: nil = default, 0 = unlimited.
    var stored: Int64? {
        switch self {
        case .serverDefault: return nil
        case .unlimited: return 0
        case let .bytes(n): return n
        }
    }
}
