import GRDB
import MailCore

/// The administrator's settings: a row per key that was set, the default otherwise.
/// Values are validated and normalized on `set`, so readers can trust them. The rows live
/// in a `SettingsStorage`: the directory's SQLite table, or memory in unit tests.
public struct SettingsStore: Sendable {
    let storage: any SettingsStorage

    public init(storage: any SettingsStorage) {
        self.storage = storage
    }

    init(writer: any DatabaseWriter) {
        storage = SQLiteSettingsStorage(writer: writer)
    }

    // MARK: - By name (CLI, REST API)

    /// The value of `key`, or its default when it was never set.
    public func get(_ key: String) throws(DirectoryError) -> String {
        try get(Self.key(named: key))
    }

    public func get(_ key: SettingKey) throws(DirectoryError) -> String {
        key.effectiveValue(stored: try storage.storedValue(key.rawValue))
    }

    /// Validates and stores `value`; returns the normalized form that was stored
    /// (`20m` → `20M`, `yes` → `true`).
    @discardableResult
    public func set(_ key: String, _ value: String) throws(DirectoryError) -> String {
        try set(Self.key(named: key), value)
    }

    @discardableResult
    public func set(_ key: SettingKey, _ value: String) throws(DirectoryError) -> String {
        guard let normalized = key.type.normalize(value) else {
            throw .invalidSetting(key.rawValue, expected: key.type.expected)
        }
        if let problem = try SettingKey.orderProblem(setting: key, to: normalized, current: get) { throw .invalidSetting(key.rawValue, expected: problem) }
        try storage.store(normalized, for: key.rawValue)
        return normalized
    }

    /// Forgets the stored value: the default applies again.
    public func reset(_ key: String) throws(DirectoryError) {
        let k = try Self.key(named: key)
        try storage.removeValue(for: k.rawValue)
    }

    /// Every known setting in registry order. Rows for unknown keys (written by a newer
    /// version) are ignored.
    public func list() throws(DirectoryError) -> [SettingEntry] {
        let stored = try storage.storedValues()
        return SettingKey.allCases.map { key in
            let value = stored[key.rawValue].flatMap(key.type.normalize) ?? key.defaultValue
            return SettingEntry(key: key.rawValue, value: value, defaultValue: key.defaultValue,
                                type: key.type, doc: key.doc, isDefault: stored[key.rawValue] == nil)
        }
    }

    // MARK: - Typed accessors

    public func bool(_ key: SettingKey) throws(DirectoryError) -> Bool {
        try typed(key) { ValueSyntax.parseBool($0) } ?? false
    }

    /// Integer settings, and sizes in bytes.
    public func int64(_ key: SettingKey) throws(DirectoryError) -> Int64 {
        try typed(key) { value in
            if case .size = key.type { return ValueSyntax.parseSize(value) }
            return Int64(value)
        } ?? 0
    }

    public func int(_ key: SettingKey) throws(DirectoryError) -> Int {
        Int(clamping: try int64(key))
    }

    /// Size settings in bytes (same as `int64`, named for the call site).
    public func size(_ key: SettingKey) throws(DirectoryError) -> Int64 {
        try int64(key)
    }

    public func duration(_ key: SettingKey) throws(DirectoryError) -> Duration {
        .seconds(try typed(key) { ValueSyntax.parseDuration($0) } ?? 0)
    }

    public func string(_ key: SettingKey) throws(DirectoryError) -> String {
        try get(key)
    }

    /// nil when the (optional) address setting is empty.
    public func address(_ key: SettingKey) throws(DirectoryError) -> EmailAddress? {
        let value = try get(key)
        return value.isEmpty ? nil : try? NameRules.externalAddress(value)
    }

    public func networks(_ key: SettingKey) throws(DirectoryError) -> [IPNetwork] {
        try typed(key) { value in
            let items = ValueSyntax.listItems(value).map(IPNetwork.parse)
            return items.contains(nil) ? nil : items.compactMap { $0 }
        } ?? []
    }

    public func endpoints(_ key: SettingKey) throws(DirectoryError) -> [NetworkEndpoint] {
        try typed(key) { value in
            let items = ValueSyntax.listItems(value).map(NetworkEndpoint.parse)
            return items.contains(nil) ? nil : items.compactMap { $0 }
        } ?? []
    }

    public func passwordScheme() throws(DirectoryError) -> PasswordScheme {
        try typed(.passwordScheme) { PasswordScheme(rawValue: $0) } ?? .sha512Crypt
    }

    /// The name for EHLO on outgoing connections: `smtp.helo_name`, else `server.hostname`.
    public func heloName() throws(DirectoryError) -> String {
        let helo = try get(.heloName)
        return helo.isEmpty ? try get(.serverHostname) : helo
    }

    // MARK: - Internals

    static func key(named name: String) throws(DirectoryError) -> SettingKey {
        guard let key = SettingKey(rawValue: Text.trim(name).lowercased()) else {
            throw .unknownSetting(name)
        }
        return key
    }

    /// The stored value if it is still valid for the key's type, else the default.
    static func value(_ key: SettingKey, _ db: Database) throws -> String {
        key.effectiveValue(stored: try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM settings WHERE key = ?"), arguments: [key.rawValue]))
    }

    /// Parses the current value; falls back on the default when the value does not parse.
    private func typed<T>(_ key: SettingKey, _ parse: (String) -> T?) throws(DirectoryError) -> T? {
        let value = try get(key)
        return parse(value) ?? parse(key.defaultValue)
    }
}

extension SettingKey {
    /// The stored value if it is still valid for the key's type, else the default.
    public func effectiveValue(stored: String?) -> String {
        stored.flatMap(type.normalize) ?? defaultValue
    }
}
