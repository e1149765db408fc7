import Administration
import Hummingbird

/// `/public/NAME`: the owning groups of a public mailbox, removal.
struct PublicMailboxPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/public/{name}") { request in try await view(request, name: try request.parameter("name")) }
        ui.post("/public/{name}") { request in
            let name = try request.parameter("name")
            let groups = request.form.all("groups")
            return try await submitting({
                try await api.ui { admin throws in try admin.setPublicMailboxGroups(name, groups: groups) }
                return UIResponse.redirect("/public/" + UIText.queryEscaped(name), notice: "Public mailbox \(name) saved")
            }, orRedraw: { errors in try await view(request, name: name, errors: errors, status: .unprocessableContent) })
        }
        ui.post("/public/{name}/delete") { request in
            let name = try request.parameter("name")
            try await api.ui { admin throws in try admin.removePublicMailbox(name) }
            return UIResponse.redirect("/mailboxes", notice: "Public mailbox \(name) removed")
        }
    }

    private func view(_ request: UIRequest, name: String, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let (mailbox, groups) = try await api.ui { admin throws in (try admin.publicMailbox(name), try admin.groups().map(\.name)) }
        let data: [String: Any] = [
            "name": mailbox.name, "href": "/public/" + UIText.queryEscaped(mailbox.name),
            "groupChoices": groups.map { ["name": $0, "checked": mailbox.groups.contains($0)] as [String: Any] },
            "errors": errors,
        ]
        return UIRenderer.page("public", title: "Public mailbox \(mailbox.name)", section: .mailboxes, request, data, status: status)
    }
}
