import Administration
import Hummingbird

/// `/addresses/SPEC`: an address's destinations and internal flag, removal.
struct AddressPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/addresses/{spec}") { request in try await view(request, spec: try request.parameter("spec")) }
        ui.post("/addresses/{spec}") { request in
            let spec = try request.parameter("spec")
            let form = request.form
            return try await submitting({
                try await api.ui { admin throws in
                    let destinations = try AddressesPage.destinations(form)
                    try field("destinations") { () throws(AdminError) in
                        try admin.updateAddress(spec, destinations: destinations, internal: form.isChecked("internal"))
                    }
                }
                return UIResponse.redirect("/addresses/" + UIText.queryEscaped(spec), notice: "Address \(spec) saved")
            }, orRedraw: { errors in try await view(request, spec: spec, editing: form, errors: errors, status: .unprocessableContent) })
        }
        ui.post("/addresses/{spec}/delete") { request in
            let spec = try request.parameter("spec")
            try await api.ui { admin throws in try admin.removeAddress(spec) }
            return UIResponse.redirect("/addresses", notice: "Address \(spec) removed")
        }
    }

    private func view(_ request: UIRequest, spec: String, editing form: UIForm? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let row = try await api.ui { admin throws in try admin.address(spec) }
        let data: [String: Any] = [
            "address": row.address, "href": "/addresses/" + UIText.queryEscaped(row.address),
            "destinations": form?.text("destinations") ?? row.destinations.joined(separator: "\n"),
            "internal": form.map { $0.isChecked("internal") } ?? row.internal, "errors": errors,
        ]
        return UIRenderer.page("address", title: "Address \(row.address)", section: .addresses, request, data, status: status)
    }
}
