import Administration
import Hummingbird

/// `/groups/NAME`: members (add, remove), the automatic group address, removal.
struct GroupPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/groups/{name}") { request in try await view(request, name: try request.parameter("name")) }
        ui.post("/groups/{name}/members") { request in
            let name = try request.parameter("name")
            let user = request.form.text("user")
            return try await submitting({
                try await api.ui { admin throws in try field("user") { () throws(AdminError) in try admin.addMember(group: name, user: user) } }
                return UIResponse.redirect("/groups/" + UIText.queryEscaped(name), notice: "\(user) added to \(name)")
            }, orRedraw: { errors in try await view(request, name: name, errors: errors, status: .unprocessableContent) })
        }
        ui.post("/groups/{name}/members/remove") { request in
            let name = try request.parameter("name")
            let user = request.form.text("user")
            try await api.ui { admin throws in try admin.removeMember(group: name, user: user) }
            return UIResponse.redirect("/groups/" + UIText.queryEscaped(name), notice: "\(user) removed from \(name)")
        }
        ui.post("/groups/{name}/address") { request in
            let name = try request.parameter("name")
            let enabled = request.form.isChecked("enabled")
            try await api.ui { admin throws in try admin.setGroupAddress(name, enabled: enabled) }
            return UIResponse.redirect("/groups/" + UIText.queryEscaped(name), notice: "Group address \(enabled ? "on" : "off")")
        }
        ui.post("/groups/{name}/delete") { request in
            let name = try request.parameter("name")
            try await api.ui { admin throws in try admin.removeGroup(name) }
            return UIResponse.redirect("/mailboxes", notice: "Group \(name) removed")
        }
    }

    private func view(_ request: UIRequest, name: String, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let (group, users) = try await api.ui { admin throws in (try admin.group(name), try admin.users().map(\.name)) }
        let href = "/groups/" + UIText.queryEscaped(group.name)
        let data: [String: Any] = [
            "group": group.name, "href": href, "groupHref": href, "address": group.address_enabled,
            "members": group.members.map { ["name": $0] }, "candidates": users.filter { !group.members.contains($0) },
            "errors": errors,
        ]
        return UIRenderer.page("group", title: "Group \(group.name)", section: .mailboxes, request, data, status: status)
    }
}
