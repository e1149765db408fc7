import Directory
import Foundation

extension Administration {
    /// Every setting the server knows, in registry order, with its value, type and help.
    public func settings() throws(AdminError) -> [SettingRow] {
        try directoryCall { () throws(DirectoryError) in try directory.settings.list() }.map(SettingRow.init)
    }

    /// One setting's row; an unknown key is `notFound`.
    public func setting(_ key: String) throws(AdminError) -> SettingRow {
        let wanted = try settingKey(key)
        guard let row = try settings().first(where: { $0.key == wanted.rawValue }) else {
            throw AdminError(DirectoryError.unknownSetting(key))
        }
        return row
    }

    /// One setting's value (its default when never set).
    public func settingValue(_ key: String) throws(AdminError) -> String {
        try directoryCall { () throws(DirectoryError) in try directory.settings.get(key) }
    }

    /// Checks `value` against the setting's type (and the order rules between settings),
    /// stores it and returns the normalized form stored (`20m` → `20M`, `yes` → `true`).
    @discardableResult
    public func setSetting(_ key: String, _ value: String) throws(AdminError) -> String {
        try directoryCall { () throws(DirectoryError) in try directory.settings.set(key, value) }
    }

    /// Forgets the stored value: the default applies again.
    public func resetSetting(_ key: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.settings.reset(key) }
    }

    /// What a valid value of the setting looks like ("a size like 20M").
    public func settingExpectation(_ key: String) throws(AdminError) -> String {
        try settingKey(key).type.expected
    }

    private func settingKey(_ key: String) throws(AdminError) -> SettingKey {
        guard let found = SettingKey(rawValue: key.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw AdminError(DirectoryError.unknownSetting(key))
        }
        return found
    }
}
