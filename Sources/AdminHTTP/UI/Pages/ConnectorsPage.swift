import Administration
import Hummingbird

/// `/connectors`: the external POP3/IMAP accounts fetched into local users, with their last
/// run and error and their actions (fetch now, check, switch on/off, edit, remove), and the
/// form that adds one — every option of `postino connector add`, checked at once (connect,
/// TLS, login) like the CLI does, the result shown on the account's page.
struct ConnectorsPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/connectors") { request in try await view(request) }
        ui.post("/connectors") { request in
            let form = request.form
            return try await submitting({
                let connectors = try api.connectorAdministration()
                let email = form.text("email")
                guard !email.isEmpty else { throw UIFieldError(field: "email", message: "the account's address is required") }
                let changes = try ConnectorForm.changes(form)
                let account = try await ConnectorForm.saving { () async throws(AdminError) in try await connectors.add(email, changes) }
                let check = ConnectorResult(check: try await connectors.check(account.email))
                return UIResponse.redirect(ConnectorPage.path(account.email) + "?" + check.query
                                           + "&done=" + UIText.queryEscaped("Connector \(account.email) added"))
            }, orRedraw: { errors in
                try await view(request, values: ConnectorForm.values(form), errors: errors, status: .unprocessableContent)
            })
        }
    }

    private func view(_ request: UIRequest, values: [String: Any] = ConnectorForm.newAccount, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let connectors = try api.connectorAdministration()
        let rows = try await connectors.list()
        let users = try await api.ui { admin throws in try admin.users().map(\.name) }
        var data = ConnectorForm.data(values, users: users, errors: errors)
        data["connectors"] = rows.map(Self.row)
        data["noUsers"] = users.isEmpty
        if let result = ConnectorResult(query: request.query) { data["result"] = result.data }
        return UIRenderer.page("connectors", title: "Connectors", section: .connectors, request, data, status: status)
    }

    static func row(_ c: ConnectorRow) -> [String: Any] {
        var row: [String: Any] = [
            "email": c.email, "href": ConnectorPage.path(c.email),
            "server": "\(c.protocol.uppercased()) \(c.host):\(c.port), TLS \(c.tls)\(c.tls_verify || c.tls == "none" ? "" : " (not verified)")",
            "user": c.user, "deliverTo": c.deliver_to, "remote": c.remote == "keep" || c.remote == "delete" ? c.remote : "delete after \(c.remote) days",
            "enabled": c.enabled, "every": "\(c.interval) min", "fetched": c.fetched_total, "fetchedLast": c.fetched_last_run,
            "filters": [c.antispam ? "antispam" : nil, c.antivirus ? "antivirus" : nil].compactMap { $0 }.joined(separator: ", "),
            "folder": c.protocol == "imap" ? c.folder : "",
        ]
        if let last = c.last_run { row["lastRun"] = last }
        if let error = c.last_error { row["lastError"] = error }
        return row
    }
}
