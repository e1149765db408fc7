import Administration
import Hummingbird
import Queue

/// `/relay`: relay host rules per sender address or domain, the smarthost, and the relay
/// and sender policies (trusted networks, relay IPs, sender/login match).
struct RelayPage {
    let api: AdminAPI
    static let settingPrefixes = ["smtp.relay_ips", "smtp.relay_trusted_networks", "smtp.trusted_networks",
                                  "smtp.enforce_sender_login_match", "smtp.outbound_port", "mail.allow_unencrypted"]

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/relay") { request in try await view(request) }
        ui.post("/relay/rules") { request in
            let form = request.form
            let smarthost = form["smarthost"] != nil
            return try await submitting({
                let row = try await api.ui { admin throws -> RelayRuleRow in
                    let host = try Self.host(form)
                    if smarthost { return try field("host") { () throws(AdminError) in try admin.setSmarthost(host) } }
                    return try field("sender") { () throws(AdminError) in try admin.addRelayRule(sender: form.text("sender"), host) }
                }
                return UIResponse.redirect("/relay", notice: row.isSmarthost ? "Smarthost set to \(row.endpoint)"
                                                                               : "Mail of \(row.sender) goes through \(row.endpoint)")
            }, orRedraw: { errors in
                try await view(request, failed: smarthost ? "smarthost" : "rule", errors: errors, status: .unprocessableContent)
            })
        }
        ui.post("/relay/rules/remove") { request in
            let sender = request.form.text("sender")
            if sender == "*" {
                try await api.ui { admin throws in try admin.removeSmarthost() }
                return UIResponse.redirect("/relay", notice: "Smarthost removed: mail goes directly to each domain's MX")
            }
            let key = try await api.ui { admin throws in try admin.removeRelayRule(sender: sender) }
            return UIResponse.redirect("/relay", notice: "Relay rule of \(key) removed")
        }
    }

    static func host(_ form: UIForm) throws -> RelayHost {
        let portText = form.text("port")
        var port: Int?
        if !portText.isEmpty {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw UIFieldError(field: "port", message: "expected a port number from 1 to 65535")
            }
            port = number
        }
        guard let tls = RelayTLSMode(rawValue: form.text("tls")) else {
            throw UIFieldError(field: "tls", message: "expected none, starttls or implicit")
        }
        let user = form.text("user")
        let password = form.raw("password") ?? ""
        return RelayHost(host: form.text("host"), port: port, user: user.isEmpty ? nil : user,
                         password: password.isEmpty ? nil : password, tls: tls)
    }

    private func view(_ request: UIRequest, failed form: String? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let (rules, settings) = try await api.ui { admin throws in (try admin.relayRules(), try admin.settings()) }
        let smarthost = rules.first(where: \.isSmarthost)
        var data: [String: Any] = [
            "rules": rules.filter { !$0.isSmarthost }.map { r -> [String: Any] in
                ["sender": r.sender, "endpoint": r.endpoint, "tls": r.tls, "user": r.user ?? ""]
            },
            "settings": UISettings.rows(UISettings.matching(settings, Self.settingPrefixes), back: "/relay", query: request.query),
            "tlsModes": ["starttls", "implicit", "none"],
        ]
        if let smarthost { data["smarthost"] = ["endpoint": smarthost.endpoint, "tls": smarthost.tls, "user": smarthost.user ?? ""] }
        if let form { data["errors"] = [form: errors]; data["values"] = [form: request.form.values] }
        return UIRenderer.page("relay", title: "Relay", section: .relay, request, data, status: status)
    }
}
