import Administration

/// The sync job form of the add and edit pages: its fields as `SyncJobInput` (the input of
/// `postino sync add` and of the REST API, checked by the administration layer), its
/// values drawn again, and the field an operation's refusal belongs to.
enum SyncForm {
    /// Every field as sent. `login` chooses the remote user's password or a remote
    /// administrator ("master user"); an empty password keeps the stored one (edit); an
    /// empty port is the usual one of the TLS mode; patterns one per line.
    static func input(_ form: UIForm, localUser: String) throws(UIFieldError) -> SyncJobInput {
        var input = SyncJobInput(localUser: localUser, host: form.text("host"), tls: form.text("tls"), remoteUser: form.text("user"))
        input.port = try ConnectorForm.number(form, "port")
        input.tlsVerify = form.isChecked("tls_verify")
        if form["login"] == "admin" {
            let admin = form.text("admin_user")
            guard !admin.isEmpty else { throw UIFieldError(field: "admin_user", message: "the remote administrator's login is required") }
            input.adminUser = admin
            if let password = form.raw("admin_password"), !password.isEmpty { input.adminPassword = password }
            // Empty is meaningful: SASL PLAIN with the user as authorization identity.
            input.adminSeparator = form.text("admin_separator")
        } else if let password = form.raw("password"), !password.isEmpty {
            input.password = password
        }
        input.deleteLocalMissing = form.isChecked("delete_local_missing")
        input.expungeRemote = form.isChecked("expunge_remote")
        // One pattern per line (a folder name may hold a comma).
        input.includes = lines(form.text("include"))
        input.excludes = lines(form.text("exclude"))
        return input
    }

    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Runs the add or update and puts its refusal next to the field it names.
    static func saving<T>(admin: Bool, _ body: () async throws(AdminError) -> T) async throws -> T {
        do { return try await body() } catch where error.kind != .internal {
            throw UIFieldError(field: field(of: error, admin: admin), message: error.message)
        }
    }

    /// The field a refusal of `SyncJobInput` / `SyncAdministration` is about (by their
    /// wording); "form" when it names none.
    static func field(of error: AdminError, admin: Bool) -> String {
        if error.kind == .conflict { return error.message.contains("running") ? "form" : "local_user" }
        let message = error.message
        let prefixes: [(String, String)] = [
            ("tls:", "tls"), ("port:", "port"), ("--port", "port"), ("--host", "host"), ("--user", "user"), ("no user", "local_user"),
            ("admin_password needs", "admin_user"), ("--admin-user needs", "admin_password"),
            ("give --password-stdin", admin ? "admin_password" : "password"), ("a password is empty", admin ? "admin_password" : "password"),
        ]
        return prefixes.first { message.hasPrefix($0.0) }?.1 ?? "form"
    }

    /// The form's values from a job's row (`SyncAdministration.row`: the REST API's keys).
    /// The port is left empty when it is the usual one of the TLS mode.
    static func values(_ row: [String: Any]) -> [String: Any] {
        let tls = row["tls"] as? String ?? "starttls"
        let port = row["port"] as? Int ?? 0
        let login = row["login"] as? String ?? "password"
        let admin = login.hasPrefix("admin ") ? String(login.dropFirst("admin ".count)) : ""
        return [
            "local_user": row["local_user"] as? String ?? "", "host": row["host"] as? String ?? "",
            "port": port == usualPort(tls) ? "" : String(port), "usualPort": String(usualPort(tls)), "tls": tls,
            "tls_verify": row["tls_verify"] as? Bool ?? true, "user": row["remote_user"] as? String ?? "",
            "login": admin.isEmpty ? "password" : "admin", "admin_user": admin,
            "delete_local_missing": row["delete_local_missing"] as? Bool ?? false, "expunge_remote": row["expunge_remote"] as? Bool ?? false,
            "include": (row["include"] as? [String] ?? []).joined(separator: "\n"),
            "exclude": (row["exclude"] as? [String] ?? []).joined(separator: "\n"),
        ]
    }

    /// The port a job gets without one: the administration layer's rule, asked.
    static func usualPort(_ tls: String) -> Int {
        (try? SyncJobInput(localUser: "-", host: "-", tls: tls, remoteUser: "-").job().port) ?? 143
    }

    /// The form's values as sent (drawn again with an error; never a password).
    static func values(_ form: UIForm) -> [String: Any] {
        var values: [String: Any] = form.values
        values["admin_password"] = nil
        for name in ["tls_verify", "delete_local_missing", "expunge_remote"] { values[name] = form.isChecked(name) }
        values["login"] = form["login"] == "admin" ? "admin" : "password"
        return values
    }

    static var newJob: [String: Any] { ["tls": "starttls", "tls_verify": true, "login": "password", "admin_separator": "*"] }

    /// Everything the `sync-fields` partial draws.
    static func data(_ values: [String: Any], users: [String], errors: [String: String]) -> [String: Any] {
        func text(_ name: String) -> String { values[name] as? String ?? "" }
        var values = values
        values["adminLogin"] = text("login") == "admin"
        if values["admin_separator"] == nil { values["admin_separator"] = "*" }
        return [
            "v": values, "errors": errors, "users": UIChoices.options(users, selected: text("local_user")),
            "tlsModes": UIChoices.options([("starttls", "STARTTLS (143)"), ("implicit", "implicit TLS (993)"), ("none", "none (plain text)")],
                                          selected: text("tls")),
        ]
    }

    /// A job's row as the list draws it: its last run's figures under the REST row's keys
    /// (the page's script updates them from `GET /api/v1/sync/USER` while it runs).
    static func row(_ row: [String: Any]) -> [String: Any] {
        var data = UIChoices.present(row)
        let user = row["local_user"] as? String ?? ""
        data["href"] = SyncJobPage.path(user)
        data["source"] = "/api/v1/sync/" + UIText.queryEscaped(user)
        data["remote"] = "\(row["remote_user"] ?? "") at \(row["host"] ?? ""):\(row["port"] ?? "") (TLS \(row["tls"] ?? ""))"
        if let login = row["login"] as? String, login.hasPrefix("admin ") { data["remote"] = "\(data["remote"]!), as \(login)" }
        if let state = row["state"] as? String {
            data["run"] = true
            data["running"] = state == "running"
            data["percent"] = percent(row)
            if let started = row["started_at"] as? Double { data["started"] = AdminTimeText.iso8601(started) }
        }
        let patterns = (row["include"] as? [String] ?? []).map { "+" + $0 } + (row["exclude"] as? [String] ?? []).map { "−" + $0 }
        data["options"] = ([row["delete_local_missing"] as? Bool == true ? "delete local missing" : nil,
                            row["expunge_remote"] as? Bool == true ? "expunge remote" : nil].compactMap { $0 } + patterns)
            .joined(separator: ", ")
        return data
    }

    /// Messages handled of those found (the script computes the same from the REST row).
    static func percent(_ row: [String: Any]) -> Int {
        if row["state"] as? String == "finished" { return 100 }
        let done = ["copied", "skipped", "failed"].reduce(0) { $0 + (row[$1] as? Int ?? 0) }
        let total = row["messages_total"] as? Int ?? 0
        return total == 0 ? 0 : min(100, done * 100 / total)
    }
}
