import Administration
import Hummingbird

/// `/connectors/EMAIL`: one account's form (every option; the password is never drawn, an
/// empty one keeps it), checked again once saved, and its actions: fetch now (the server's
/// own fetcher, as `POST /api/v1/connectors/EMAIL/run`), check, switch on/off, remove. The
/// actions of the list's rows post here too and go back to the list (`back=list`).
struct ConnectorPage {
    let api: AdminAPI

    static func path(_ email: String) -> String { "/connectors/" + UIText.queryEscaped(email) }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/connectors/{email}") { request in try await view(request, email: try request.parameter("email")) }
        ui.post("/connectors/{email}") { request in
            let email = try request.parameter("email")
            let form = request.form
            return try await submitting({
                let connectors = try api.connectorAdministration()
                let changes = try ConnectorForm.changes(form)
                let account = try await ConnectorForm.saving { () async throws(AdminError) in try await connectors.update(email, changes) }
                var target = Self.path(account.email) + "?done=" + UIText.queryEscaped("Connector \(account.email) saved")
                // As `connector set`: a switched-off account is not contacted.
                if account.enabled { target += "&" + ConnectorResult(check: try await connectors.check(account.email)).query }
                return UIResponse.redirect(target)
            }, orRedraw: { errors in
                try await view(request, email: email, values: ConnectorForm.values(form), errors: errors, status: .unprocessableContent)
            })
        }
        ui.post("/connectors/{email}/check") { request in
            let email = try request.parameter("email")
            let result = ConnectorResult(check: try await api.connectorAdministration().check(email))
            return UIResponse.redirect(back(request, email) + "?" + result.query)
        }
        ui.post("/connectors/{email}/run") { request in
            let email = try request.parameter("email")
            guard let runner = api.connectorRunner else {
                throw APIError(.serviceUnavailable, code: "unavailable", "this server does not run the connectors")
            }
            let result: ConnectorResult
            do {
                let r = try await runner.run(email)
                result = ConnectorResult(account: r.account, fetched: r.fetched, known: r.known, refused: r.refused, deferred: r.deferred,
                                         deleted: r.deleted, error: r.error, errorKind: r.errorKind)
            } catch let error as AdminError where error.kind == .conflict {
                result = ConnectorResult(account: email.lowercased(), fetched: 0, known: 0, refused: 0, deferred: 0, deleted: 0,
                                         error: error.message, errorKind: "busy")
            }
            return UIResponse.redirect(back(request, email) + "?" + result.query)
        }
        ui.post("/connectors/{email}/enabled") { request in
            let email = try request.parameter("email")
            var changes = ConnectorChanges()
            changes.enabled = request.form.isChecked("enabled") ? "on" : "off"
            let account = try await api.connectorAdministration().update(email, changes)
            return UIResponse.redirect(back(request, email), notice: "Connector \(account.email) \(account.enabled ? "on" : "off")")
        }
        ui.post("/connectors/{email}/delete") { request in
            let email = try request.parameter("email")
            try await api.connectorAdministration().remove(email)
            return UIResponse.redirect("/connectors", notice: "Connector \(email.lowercased()) removed (mail already fetched stays)")
        }
    }

    /// Where an action returns: the list it was started from, else the account's page.
    private func back(_ request: UIRequest, _ email: String) -> String {
        request.form["back"] == "list" ? "/connectors" : Self.path(email.lowercased())
    }

    private func view(_ request: UIRequest, email: String, values: [String: Any]? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let connectors = try api.connectorAdministration()
        let account = try await connectors.account(email)
        let row = try await connectors.row(account.email)
        let users = try await api.ui { admin throws in try admin.users().map(\.name) }
        var formValues = values ?? ConnectorForm.values(row, usualPort: account.remoteProtocol.defaultPort(account.tls))
        formValues["email"] = row.email
        formValues["usualPort"] = String(account.remoteProtocol.defaultPort(account.tls))
        var data = ConnectorForm.data(formValues, users: users, errors: errors)
        data["editing"] = true
        data["account"] = ConnectorsPage.row(row)
        data["href"] = Self.path(row.email)
        if let result = ConnectorResult(query: request.query) { data["result"] = result.data }
        return UIRenderer.page("connector", title: "Connector \(row.email)", section: .connectors, request, data, status: status)
    }
}
