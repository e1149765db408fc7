import Directory

/// A setting as `settings list --json` and `GET /api/v1/settings` show it.
public struct SettingRow: Codable, Sendable, Hashable {
    public var key: String
    /// The value in force (the default when never set), in its normalized form.
    public var value: String
    public var `default`: String
    /// The type's short name: `bool`, `int`, `size`, `duration`, `hostname`, `a|b|c`…
    public var type: String
    public var is_default: Bool
    /// One line saying what the setting does.
    public var doc: String

    public init(key: String, value: String, default: String, type: String, is_default: Bool, doc: String) {
        self.key = key
        self.value = value
        self.default = `default`
        self.type = type
        self.is_default = is_default
        self.doc = doc
    }

    init(_ e: SettingEntry) {
        self.init(key: e.key, value: e.value, default: e.defaultValue, type: e.type.name, is_default: e.isDefault, doc: e.doc)
    }
}
