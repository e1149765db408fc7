import Administration
import Hummingbird

/// `/api/v1/users`: the rows of `postino user list --json`. Passwords go in, never out.
struct UserRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var name: String
        var password: String?
        /// An existing crypt(3) hash to import as it is.
        var password_hash: String?
        var quota: QuotaField?
    }

    /// Absent fields stay as they are; `spam_retention_days: null` = the server default.
    struct Update: Decodable, Sendable {
        var imap: Bool?
        var pop3: Bool?
        var smtp_auth: Bool?
        var administrator: Bool?
        var forwards: [String]?
        var keep_copy: Bool?
        var quota: QuotaField?
        var spam_retention_days: Patch<Int> = .absent

        enum CodingKeys: String, CodingKey {
            case imap, pop3, smtp_auth, administrator, forwards, keep_copy, quota, spam_retention_days
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            imap = try c.decodeIfPresent(Bool.self, forKey: .imap)
            pop3 = try c.decodeIfPresent(Bool.self, forKey: .pop3)
            smtp_auth = try c.decodeIfPresent(Bool.self, forKey: .smtp_auth)
            administrator = try c.decodeIfPresent(Bool.self, forKey: .administrator)
            forwards = try c.decodeIfPresent([String].self, forKey: .forwards)
            keep_copy = try c.decodeIfPresent(Bool.self, forKey: .keep_copy)
            quota = try c.decodeIfPresent(QuotaField.self, forKey: .quota)
            spam_retention_days = try c.patch(Int.self, forKey: .spam_retention_days)
        }

        func changes() throws(AdminError) -> UserChanges {
            var changes = UserChanges(imap: imap, pop3: pop3, smtpAuth: smtp_auth, administrator: administrator, keepCopy: keep_copy)
            if let forwards {
                changes.forwards = try forwards.map { text throws(AdminError) in try AdminInput.address(text, label: "forwards") }
            }
            if let quota { changes.quota = try AdminInput.quota(quota.text, label: "quota") }
            switch spam_retention_days {
            case .absent: break
            case .clear: changes.spamRetentionDays = .some(nil)
            case let .set(days):
                changes.spamRetentionDays = .some(try AdminInput.spamRetention(String(days), label: "spam_retention_days"))
            }
            return changes
        }
    }

    struct Password: Decodable, Sendable {
        var password: String
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/users") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.users() })
        }
        router.post("/api/v1/users") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await api.run { admin throws(AdminError) -> UserRow in
                let password: NewPassword
                switch (body.password, body.password_hash) {
                case (nil, nil): password = .none
                case let (text?, nil): password = .plain(text)
                case let (nil, hash?): password = .hash(hash)
                case (_?, _?): throw .invalidInput("password and password_hash are exclusive")
                }
                let quota = try body.quota.map { field throws(AdminError) in try AdminInput.quota(field.text, label: "quota") }
                return try admin.addUser(body.name, password: password, quota: quota)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/users/{name}") { _, context in
            let name = try context.pathParameter("name")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.user(name) })
        }
        router.patch("/api/v1/users/{name}") { request, context in
            let name = try context.pathParameter("name")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.updateUser(name, try body.changes()) })
        }
        router.put("/api/v1/users/{name}/password") { request, context in
            let name = try context.pathParameter("name")
            let body = try await JSONResponses.decode(Password.self, from: request, context: context)
            try await api.run { admin throws(AdminError) in try admin.setPassword(name, body.password) }
            return JSONResponses.noContent()
        }
        router.delete("/api/v1/users/{name}") { _, context in
            let name = try context.pathParameter("name")
            try await api.run { admin throws(AdminError) in try admin.removeUser(name) }
            return JSONResponses.noContent()
        }
    }
}
