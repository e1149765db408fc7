import Administration
import Hummingbird

/// `/connectors`: the external POP3/IMAP accounts fetched into local users, with their last
/// run and error; check one now (connect, TLS, login) or remove it. Accounts are added with
/// `postino connector add` (their passwords are not typed into this page).
struct ConnectorsPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/connectors") { request in
            let connectors = try api.connectorAdministration()
            let rows = try await connectors.list()
            let data: [String: Any] = ["connectors": rows.map { c -> [String: Any] in
                var row: [String: Any] = [
                    "email": c.email, "href": "/connectors/" + UIText.queryEscaped(c.email),
                    "server": "\(c.protocol) \(c.host):\(c.port) (\(c.tls))", "user": c.user, "deliverTo": c.deliver_to,
                    "remote": c.remote, "enabled": c.enabled, "every": "\(c.interval / 60) min", "fetched": c.fetched_total,
                    "filters": [c.antispam ? "antispam" : nil, c.antivirus ? "antivirus" : nil].compactMap { $0 }.joined(separator: ", "),
                ]
                if let last = c.last_run { row["lastRun"] = last }
                if let error = c.last_error { row["lastError"] = error }
                return row
            }]
            return UIRenderer.page("connectors", title: "Connectors", section: .connectors, request, data)
        }
        ui.post("/connectors/{email}/check") { request in
            let email = try request.parameter("email")
            let result = try await api.connectorAdministration().check(email)
            let text = result.ok ? "\(email): connected and logged in" : "\(email): \(result.failure ?? "failed"): \(result.message ?? "")"
            return UIResponse.redirect("/connectors", notice: text)
        }
        ui.post("/connectors/{email}/delete") { request in
            let email = try request.parameter("email")
            try await api.connectorAdministration().remove(email)
            return UIResponse.redirect("/connectors", notice: "Connector \(email) removed")
        }
    }
}
