import Administration
import Directory
import Hummingbird

/// `/domains`: every domain, and the form that adds one (delivered here, or relayed to
/// another server).
struct DomainsPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/domains") { request in try await view(request) }
        ui.post("/domains") { request in
            let name = request.form.text("name")
            let relay = request.form.text("relay_to")
            let relayed = request.form["delivery"] == "relay"
            return try await submitting({
                let row = try await api.ui { admin throws -> DomainRow in
                    var target: RelayTarget?
                    if relayed { target = try field("relay_to") { () throws(AdminError) in try AdminInput.relayTarget(relay) } }
                    return try field("name") { () throws(AdminError) in try admin.addDomain(name, relayTo: target) }
                }
                return UIResponse.redirect("/domains/" + UIText.queryEscaped(row.name), notice: "Domain \(row.name) added")
            }, orRedraw: { errors in try await view(request, errors: errors, status: .unprocessableContent) })
        }
    }

    private func view(_ request: UIRequest, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let domains = try await api.ui { admin throws in try admin.domains() }
        let rows: [[String: Any]] = domains.map { d in
            var row: [String: Any] = ["name": d.name, "href": "/domains/" + UIText.queryEscaped(d.name), "relay": d.delivery == "relay",
                                      "dkim": d.dkim, "disclaimer": d.disclaimer]
            if let host = d.relay_host { row["relayTo"] = "\(host):\(d.relay_port ?? 25)" }
            if let catchAll = d.catch_all { row["catchAll"] = catchAll }
            return row
        }
        let data: [String: Any] = ["domains": rows, "errors": errors, "values": request.form.values,
                                   "relayChecked": request.form["delivery"] == "relay"]
        return UIRenderer.page("domains", title: "Domains", section: .domains, request, data, status: status)
    }
}
