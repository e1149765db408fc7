import Administration
import Hummingbird
import MailCore

/// `/domains/NAME`: catch-all, inbound copy, DKIM signing and keys (the TXT records to
/// publish), the disclaimer with a preview, and removal.
struct DomainPage {
    let api: AdminAPI

    struct Details: Sendable {
        var domain: DomainRow
        var keys: [DKIMKeyRow]
        var disclaimer: DisclaimerRow?
    }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/domains/{name}") { request in try await view(request, name: try request.parameter("name")) }
        ui.post("/domains/{name}") { request in
            let name = try request.parameter("name")
            let form = request.form
            if form["preview"] != nil {
                return try await view(request, name: name, editing: form, preview: DisclaimerRow(markdown: form.raw("disclaimer") ?? ""))
            }
            return try await submitting({
                let row = try await api.ui { admin throws -> DomainRow in
                    var changes = DomainChanges()
                    changes.catchAll = .some(try Self.optionalAddress(form, "catch_all"))
                    changes.copyTo = .some(try Self.optionalAddress(form, "copy_to"))
                    changes.dkim = form.isChecked("dkim")
                    let disclaimer = (form.raw("disclaimer") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
                    changes.disclaimer = .some(disclaimer.allSatisfy(\.isWhitespace) ? nil : disclaimer)
                    return try admin.updateDomain(name, changes)
                }
                return UIResponse.redirect("/domains/" + UIText.queryEscaped(row.name), notice: "Domain \(row.name) saved")
            }, orRedraw: { errors in
                try await view(request, name: name, editing: form, errors: errors, status: .unprocessableContent)
            })
        }
        ui.post("/domains/{name}/dkim") { request in
            let name = try request.parameter("name")
            let ed25519 = request.form.isChecked("ed25519")
            try await api.ui { admin throws in
                let exists = !(try admin.dkimKeysIfAny(domain: name)).isEmpty
                try admin.generateDKIMKeys(domain: name, ed25519: ed25519, force: exists)
            }
            return UIResponse.redirect("/domains/" + UIText.queryEscaped(name), notice: "DKIM key generated: publish the TXT record")
        }
        ui.post("/domains/{name}/delete") { request in
            let name = try request.parameter("name")
            try await api.ui { admin throws in try admin.removeDomain(name) }
            return UIResponse.redirect("/domains", notice: "Domain \(name) removed")
        }
    }

    /// An address field where empty means none.
    static func optionalAddress(_ form: UIForm, _ name: String) throws -> EmailAddress? {
        let text = form.text(name)
        if text.isEmpty { return nil }
        return try field(name) { () throws(AdminError) in try AdminInput.address(text, label: name) }
    }

    private func view(_ request: UIRequest, name: String, editing form: UIForm? = nil, preview: DisclaimerRow? = nil,
                      errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let details = try await api.ui { admin throws -> Details in
            Details(domain: try admin.domain(name), keys: try admin.dkimKeysIfAny(domain: name), disclaimer: try admin.disclaimer(domain: name))
        }
        let d = details.domain
        var data: [String: Any] = [
            "name": d.name, "href": "/domains/" + UIText.queryEscaped(d.name), "relay": d.delivery == "relay",
            "catchAll": form?.text("catch_all") ?? d.catch_all ?? "", "copyTo": form?.text("copy_to") ?? d.copy_to ?? "",
            "dkim": form.map { $0.isChecked("dkim") } ?? d.dkim,
            "disclaimer": form?.raw("disclaimer") ?? details.disclaimer?.markdown ?? "",
            "keys": details.keys.map { ["selector": $0.selector, "key_type": $0.key_type, "name": $0.name, "value": $0.value,
                                        "zone_file_line": $0.zone_file_line] },
            "hasKeys": !details.keys.isEmpty, "errors": errors,
        ]
        if let host = d.relay_host { data["relayTo"] = "\(host):\(d.relay_port ?? 25)" }
        if let preview {
            data["preview"] = true
            data["previewHTML"] = preview.html
            data["previewText"] = preview.text
        }
        return UIRenderer.page("domain", title: d.name, section: .domains, request, data, status: status)
    }
}

extension Administration {
    /// The domain's DKIM keys, empty when none was generated yet.
    func dkimKeysIfAny(domain: String) throws(AdminError) -> [DKIMKeyRow] {
        do { return try dkimKeys(domain: domain) } catch where error.kind == .notFound {
            _ = try self.domain(domain)
            return []
        }
    }
}
