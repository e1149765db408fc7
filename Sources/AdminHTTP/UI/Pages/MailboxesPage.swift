import Administration
import Hummingbird

/// `/mailboxes`: users (with services, quota and use), groups with their members, public
/// mailboxes with their owning groups, and a form to add each.
struct MailboxesPage {
    let api: AdminAPI

    struct Lists: Sendable {
        var users: [UserRow]
        var groups: [GroupRow]
        var publicMailboxes: [PublicMailboxRow]
    }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/mailboxes") { request in try await view(request) }
        ui.post("/mailboxes/users") { request in
            let form = request.form
            let name = form.text("name")
            return try await submitting({
                let row = try await api.ui { admin throws -> UserRow in
                    let quotaText = form.text("quota")
                    let quota = quotaText.isEmpty ? nil : try field("quota") { () throws(AdminError) in try AdminInput.quota(quotaText, label: "quota") }
                    let password = form.raw("password") ?? ""
                    return try field("name") { () throws(AdminError) in
                        try admin.addUser(name, password: password.isEmpty ? .none : .plain(password), quota: quota)
                    }
                }
                return UIResponse.redirect("/users/" + UIText.queryEscaped(row.name), notice: "User \(row.name) added")
            }, orRedraw: { errors in try await view(request, failed: "user", errors: errors, status: .unprocessableContent) })
        }
        ui.post("/mailboxes/groups") { request in
            let name = request.form.text("name")
            return try await submitting({
                let row = try await api.ui { admin throws -> GroupRow in
                    try field("name") { () throws(AdminError) in try admin.addGroup(name) }
                }
                return UIResponse.redirect("/groups/" + UIText.queryEscaped(row.name), notice: "Group \(row.name) added")
            }, orRedraw: { errors in try await view(request, failed: "group", errors: errors, status: .unprocessableContent) })
        }
        ui.post("/mailboxes/public") { request in
            let name = request.form.text("name")
            let groups = request.form.all("groups")
            return try await submitting({
                let row = try await api.ui { admin throws -> PublicMailboxRow in
                    try field("name") { () throws(AdminError) in try admin.addPublicMailbox(name, groups: groups) }
                }
                return UIResponse.redirect("/public/" + UIText.queryEscaped(row.name), notice: "Public mailbox \(row.name) added")
            }, orRedraw: { errors in try await view(request, failed: "public", errors: errors, status: .unprocessableContent) })
        }
    }

    private func view(_ request: UIRequest, failed form: String? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let lists = try await api.ui { admin throws -> Lists in
            Lists(users: try admin.users(), groups: try admin.groups(), publicMailboxes: try admin.publicMailboxes())
        }
        var data: [String: Any] = [
            "users": lists.users.map { u -> [String: Any] in
                var services: [String] = []
                if u.imap { services.append("IMAP") }
                if u.pop3 { services.append("POP3") }
                if u.smtp_auth { services.append("SMTP") }
                return ["name": u.name, "href": "/users/" + UIText.queryEscaped(u.name), "admin": u.administrator,
                        "services": services.joined(separator: ", "), "used": UIText.bytes(u.quota_used),
                        "quota": u.quota.map { UIText.bytes($0) } ?? "unlimited", "forwards": u.forwards.joined(separator: ", "),
                        "noPassword": !u.has_password]
            },
            "groups": lists.groups.map { g -> [String: Any] in
                ["name": g.name, "href": "/groups/" + UIText.queryEscaped(g.name), "members": g.members.joined(separator: ", "),
                 "address": g.address_enabled]
            },
            "publicMailboxes": lists.publicMailboxes.map { p -> [String: Any] in
                ["name": p.name, "href": "/public/" + UIText.queryEscaped(p.name), "groups": p.groups.joined(separator: ", ")]
            },
            "groupChoices": lists.groups.map { g -> [String: Any] in
                ["name": g.name, "checked": request.form.all("groups").contains(g.name)]
            },
        ]
        // Errors and values of the form that failed, under its name (`errors.user.name`).
        if let form { data["errors"] = [form: errors]; data["values"] = [form: request.form.values] }
        return UIRenderer.page("mailboxes", title: "Mailboxes", section: .mailboxes, request, data, status: status)
    }
}
