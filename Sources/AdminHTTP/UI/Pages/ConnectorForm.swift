import Administration

/// The connector form of the add and edit pages: its fields as `ConnectorChanges` (the
/// operation of `postino connector add|set` checks them), its values drawn again, and
/// the field an operation's refusal belongs to.
enum ConnectorForm {
    /// Every field as sent: a box left unchecked is off; an empty password keeps the stored
    /// one (edit); an empty port is the usual port of the protocol and TLS mode; an empty
    /// interval or folder takes the default (5 minutes, INBOX).
    static func changes(_ form: UIForm) throws(UIFieldError) -> ConnectorChanges {
        func onOff(_ name: String) -> String { form.isChecked(name) ? "on" : "off" }
        var changes = ConnectorChanges()
        changes.protocol = form.text("protocol")
        changes.host = form.text("host")
        changes.port = try number(form, "port")
        changes.tls = form.text("tls")
        changes.tlsVerify = onOff("tls_verify")
        changes.user = form.text("user")
        if let password = form.raw("password"), !password.isEmpty { changes.password = password }
        changes.deliverTo = form.text("deliver_to")
        changes.remote = form["remote"] == "days" ? form.text("remote_days") : form.text("remote")
        changes.antispam = onOff("antispam")
        changes.antivirus = onOff("antivirus")
        changes.interval = try number(form, "interval")
        let folder = form.text("folder")
        if !folder.isEmpty { changes.folder = folder }
        changes.enabled = onOff("enabled")
        return changes
    }

    /// An empty field is nil; anything else must be a whole number.
    static func number(_ form: UIForm, _ name: String) throws(UIFieldError) -> Int? {
        let text = form.text(name)
        if text.isEmpty { return nil }
        guard let value = Int(text) else { throw UIFieldError(field: name, message: "\(text) is not a whole number") }
        return value
    }

    /// Runs the add or update and puts its refusal next to the field it names.
    static func saving<T>(_ body: () async throws(AdminError) -> T) async throws -> T {
        do { return try await body() } catch where error.kind != .internal {
            throw UIFieldError(field: field(of: error), message: error.message)
        }
    }

    /// The field of the form a refusal of `ConnectorChanges` / `ConnectorAdministration`
    /// is about (by the wording of those messages); "form" when it names none.
    static func field(of error: AdminError) -> String {
        if error.kind == .conflict { return "email" }
        let message = error.message
        let prefixes: [(String, String)] = [
            ("protocol:", "protocol"), ("--protocol", "protocol"), ("tls-verify:", "tls_verify"), ("tls:", "tls"),
            ("--tls", "tls"), ("port:", "port"), ("--host", "host"), ("--user", "user"), ("a password", "password"),
            ("--deliver-to", "deliver_to"), ("no user", "deliver_to"), ("remote:", "remote"), ("interval:", "interval"),
            ("folder:", "folder"), ("antispam:", "antispam"), ("antivirus:", "antivirus"),
        ]
        if let match = prefixes.first(where: { message.hasPrefix($0.0) }) { return match.1 }
        return message.hasSuffix("is not an email address") ? "email" : "form"
    }

    /// The form's values from a stored account (the edit page). The port is left empty when
    /// it is the usual one, so a change of protocol or TLS mode takes the new usual port.
    static func values(_ c: ConnectorRow, usualPort: Int) -> [String: Any] {
        let days = Int(c.remote)
        return [
            "email": c.email, "protocol": c.protocol, "host": c.host, "port": c.port == usualPort ? "" : String(c.port),
            "usualPort": String(usualPort), "tls": c.tls, "tls_verify": c.tls_verify, "user": c.user, "deliver_to": c.deliver_to,
            "remote": days == nil ? c.remote : "days", "remote_days": days.map(String.init) ?? "",
            "antispam": c.antispam, "antivirus": c.antivirus, "interval": String(c.interval), "folder": c.folder,
            "enabled": c.enabled,
        ]
    }

    /// The form's values as sent (drawn again with an error; never the password).
    static func values(_ form: UIForm) -> [String: Any] {
        var values: [String: Any] = form.values
        for name in ["tls_verify", "antispam", "antivirus", "enabled"] { values[name] = form.isChecked(name) }
        return values
    }

    /// The defaults of a new account.
    static var newAccount: [String: Any] { [
        "protocol": "imap", "tls": "implicit", "tls_verify": true, "remote": "keep", "antispam": true, "antivirus": true,
        "interval": "5", "folder": "INBOX", "enabled": true,
    ] }

    /// Everything the `connector-fields` partial draws: values, choices, errors.
    static func data(_ values: [String: Any], users: [String], errors: [String: String]) -> [String: Any] {
        func text(_ name: String) -> String { values[name] as? String ?? "" }
        var users = users
        if !text("deliver_to").isEmpty && !users.contains(text("deliver_to")) { users.append(text("deliver_to")) }
        return [
            "v": values, "errors": errors,
            "protocols": UIChoices.options([("imap", "IMAP"), ("pop3", "POP3")], selected: text("protocol")),
            "tlsModes": UIChoices.options(tlsModes, selected: text("tls")),
            "remoteModes": UIChoices.options([("keep", "keep it"), ("delete", "delete it once stored here"),
                                              ("days", "delete it after some days")], selected: text("remote")),
            "users": UIChoices.options(users, selected: text("deliver_to")),
        ]
    }

    static let tlsModes: [(value: String, label: String)] = [
        ("implicit", "implicit TLS (IMAPS 993, POP3S 995)"), ("starttls", "STARTTLS (143, 110)"), ("none", "none (plain text)"),
    ]
}
