import Directory

extension Administration {
    /// Every user with the quota and spam retention that apply and the bytes they store
    /// (the mail index's usage, see `quotaUsage`), sorted by name.
    public func users() throws(AdminError) -> [UserRow] {
        let (defaultQuota, defaultRetention) = try userDefaults()
        let used = try quotaUsage()
        return try directoryCall { () throws(DirectoryError) in try directory.users() }
            .map { UserRow($0, used: used($0), defaultQuota: defaultQuota, defaultRetention: defaultRetention) }
    }

    /// One user (case-insensitive).
    public func user(_ name: String) throws(AdminError) -> UserRow {
        guard let found = try directoryCall({ () throws(DirectoryError) in try directory.user(named: name) }) else {
            throw AdminError(DirectoryError.notFound(.user, name.lowercased()))
        }
        let (defaultQuota, defaultRetention) = try userDefaults()
        return UserRow(found, used: try quotaUsage()(found), defaultQuota: defaultQuota, defaultRetention: defaultRetention)
    }

    /// Adds a user; `quota` nil or `.serverDefault` = `quota.default`.
    @discardableResult
    public func addUser(_ name: String, password: NewPassword = .none, quota: Quota? = nil) throws(AdminError) -> UserRow {
        let input: PasswordInput
        switch password {
        case .none: input = .none
        case let .plain(text): input = .plain(text)
        case let .hash(hash): input = .hash(hash)
        }
        let added = try directoryCall { () throws(DirectoryError) in
            try directory.addUser(name, password: input, quota: quota?.stored)
        }
        return try user(added.name)
    }

    /// Removes the user, their forwards and group memberships (refused while an address
    /// delivers to them, and for the last administrator). Their stored mail stays on disk.
    public func removeUser(_ name: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.removeUser(name) }
    }

    /// Replaces the user's password (hashed with `auth.password_scheme`).
    public func setPassword(_ name: String, _ password: String) throws(AdminError) {
        try directoryCall { () throws(DirectoryError) in try directory.setPassword(name, .plain(password)) }
    }

    @discardableResult
    public func updateUser(_ name: String, _ changes: UserChanges) throws(AdminError) -> UserRow {
        let update = UserUpdate(imapEnabled: changes.imap, pop3Enabled: changes.pop3, smtpAuthEnabled: changes.smtpAuth,
                                isAdministrator: changes.administrator, forwards: changes.forwards,
                                keepCopy: changes.keepCopy, quota: changes.quota.map { $0.stored },
                                spamRetentionDays: changes.spamRetentionDays)
        try directoryCall { () throws(DirectoryError) in try directory.updateUser(name, update) }
        return try user(name)
    }

    private func userDefaults() throws(AdminError) -> (quota: Int64, retention: Int) {
        try directoryCall { () throws(DirectoryError) in
            (try directory.settings.size(.defaultQuota), try directory.settings.int(.spamRetentionDays))
        }
    }
}
