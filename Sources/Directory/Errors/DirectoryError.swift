/// The kinds of directory entries, used to word errors.
public enum EntityKind: String, Sendable, Equatable {
    case domain
    case user
    case group
    case publicMailbox = "public mailbox"
    case address
}

/// Every error the directory throws. `description` is one line meant for a human (CLI,
/// REST API, logs): it names the thing and says what is wrong with it.
public enum DirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// "domain example.com already exists"
    case alreadyExists(EntityKind, String)
    /// "unknown user bob"
    case notFound(EntityKind, String)
    /// A user, a group and a public mailbox share one name space: "name sales is already used by a group".
    case nameTaken(String, by: EntityKind)
    /// "invalid user name \"Bob!\": use a-z, 0-9, '.', '_' and '-', starting with a letter or digit"
    case invalidName(EntityKind, String, reason: String)
    /// "invalid address \"a@@b\": …"
    case invalidAddress(String, reason: String)
    /// Refusal to remove something still referenced: "group sales is used by address info@example.com".
    case inUse(EntityKind, String, by: String)
    /// "invalid password: …"
    case invalidPassword(String)
    /// "invalid password hash: …"
    case invalidPasswordHash(String)
    /// "unknown setting foo.bar"
    case unknownSetting(String)
    /// "setting smtp.max_message_size: expected a size like 20M"
    case invalidSetting(String, expected: String)
    /// A rule of the directory that forbids the request, worded in full.
    case notAllowed(String)
    /// The database failed (disk full, locked too long, corrupted…).
    case storage(String)

    public var description: String {
        switch self {
        case let .alreadyExists(kind, name):
            return "\(kind.rawValue) \(name) already exists"
        case let .notFound(kind, name):
            return "unknown \(kind.rawValue) \(name)"
        case let .nameTaken(name, kind):
            return "name \(name) is already used by a \(kind.rawValue)"
        case let .invalidName(kind, name, reason):
            return "invalid \(kind.rawValue) name \"\(name)\": \(reason)"
        case let .invalidAddress(text, reason):
            return "invalid address \"\(text)\": \(reason)"
        case let .inUse(kind, name, by):
            return "\(kind.rawValue) \(name) is used by \(by); change that first"
        case let .invalidPassword(reason):
            return "invalid password: \(reason)"
        case let .invalidPasswordHash(reason):
            return "invalid password hash: \(reason)"
        case let .unknownSetting(key):
            return "unknown setting \(key) (closest: \(SettingKey.closest(to: key).rawValue))"
        case let .invalidSetting(key, expected):
            return "setting \(key): expected \(expected)"
        case let .notAllowed(message):
            return message
        case let .storage(message):
            return "directory database error: \(message)"
        }
    }
}
