import Administration
import Hummingbird
import MailCore

/// `/users/NAME`: services, administrator flag, forwards, quota, spam retention, password,
/// removal.
struct UserPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/users/{name}") { request in try await view(request, name: try request.parameter("name")) }
        ui.post("/users/{name}") { request in
            let name = try request.parameter("name")
            let form = request.form
            return try await submitting({
                try await api.ui { admin throws in
                    var changes = UserChanges(imap: form.isChecked("imap"), pop3: form.isChecked("pop3"),
                                              smtpAuth: form.isChecked("smtp_auth"), administrator: form.isChecked("administrator"),
                                              keepCopy: form.isChecked("keep_copy"))
                    changes.forwards = try form.list("forwards").map { text in
                        try field("forwards") { () throws(AdminError) -> EmailAddress in try AdminInput.address(text, label: "forwards") }
                    }
                    let quota = form.text("quota")
                    if !quota.isEmpty {
                        changes.quota = try field("quota") { () throws(AdminError) in try AdminInput.quota(quota, label: "quota") }
                    }
                    let retention = form.text("spam_retention")
                    if !retention.isEmpty {
                        changes.spamRetentionDays = .some(try field("spam_retention") { () throws(AdminError) in
                            try AdminInput.spamRetention(retention, label: "spam retention")
                        })
                    }
                    try admin.updateUser(name, changes)
                    if let password = form.raw("password"), !password.isEmpty {
                        try field("password") { () throws(AdminError) in try admin.setPassword(name, password) }
                    }
                }
                return UIResponse.redirect("/users/" + UIText.queryEscaped(name), notice: "User \(name) saved")
            }, orRedraw: { errors in try await view(request, name: name, editing: form, errors: errors, status: .unprocessableContent) })
        }
        ui.post("/users/{name}/delete") { request in
            let name = try request.parameter("name")
            try await api.ui { admin throws in try admin.removeUser(name) }
            return UIResponse.redirect("/mailboxes", notice: "User \(name) removed")
        }
    }

    private func view(_ request: UIRequest, name: String, editing form: UIForm? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let (u, defaults) = try await api.ui { admin throws in
            (try admin.user(name), (quota: try admin.settingValue("quota.default"), retention: try admin.settingValue("spam.retention_days")))
        }
        let data: [String: Any] = [
            "name": u.name, "href": "/users/" + UIText.queryEscaped(u.name),
            "imap": form.map { $0.isChecked("imap") } ?? u.imap, "pop3": form.map { $0.isChecked("pop3") } ?? u.pop3,
            "smtp_auth": form.map { $0.isChecked("smtp_auth") } ?? u.smtp_auth,
            "administrator": form.map { $0.isChecked("administrator") } ?? u.administrator,
            "keep_copy": form.map { $0.isChecked("keep_copy") } ?? u.keep_copy,
            "forwards": form?.text("forwards") ?? u.forwards.joined(separator: "\n"),
            "quota": form?.text("quota") ?? "", "spamRetention": form?.text("spam_retention") ?? "",
            "used": UIText.bytes(u.quota_used), "quotaText": u.quota.map { UIText.bytes($0) } ?? "unlimited",
            "defaultQuota": defaults.quota, "defaultRetention": defaults.retention, "retentionNow": u.spam_retention_days,
            "errors": errors,
        ]
        return UIRenderer.page("user", title: "User \(u.name)", section: .mailboxes, request, data, status: status)
    }
}
