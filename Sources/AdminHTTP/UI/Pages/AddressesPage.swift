import Administration
import Directory
import Hummingbird

/// `/addresses`: every address (alias) with its destinations, and the form that adds one
/// (for one domain, or `name@*` for every local domain; internal = local senders only).
struct AddressesPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/addresses") { request in try await view(request) }
        ui.post("/addresses") { request in
            let form = request.form
            return try await submitting({
                let row = try await api.ui { admin throws -> AddressRow in
                    let destinations = try AddressesPage.destinations(form)
                    do {
                        return try admin.addAddress(form.text("address"), destinations: destinations, internal: form.isChecked("internal"))
                    } catch let error as AdminError {
                        // Not found: a destination names a user, group or public mailbox that does not exist.
                        throw UIFieldError(field: error.kind == .notFound ? "destinations" : "address", message: error.message)
                    }
                }
                return UIResponse.redirect("/addresses", notice: "Address \(row.address) added")
            }, orRedraw: { errors in try await view(request, errors: errors, status: .unprocessableContent) })
        }
    }

    /// `user:NAME`, `group:NAME`, `public:NAME` or addresses, one per line or comma.
    static func destinations(_ form: UIForm) throws -> [AddressDestination] {
        let items = form.list("destinations")
        if items.isEmpty { throw UIFieldError(field: "destinations", message: "give at least one destination") }
        return try items.map { text in try field("destinations") { () throws(AdminError) in try AdminInput.destination(text) } }
    }

    private func view(_ request: UIRequest, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (addresses, users, groups) = try await api.ui { admin throws in
            (try admin.addresses(), try admin.users().map(\.name), try admin.groups().map(\.name))
        }
        let data: [String: Any] = [
            "addresses": addresses.map { a -> [String: Any] in
                ["address": a.address, "href": "/addresses/" + UIText.queryEscaped(a.address),
                 "destinations": a.destinations.joined(separator: ", "), "internal": a.internal, "anyDomain": a.domain == nil]
            },
            "hints": users.map { "user:\($0)" } + groups.map { "group:\($0)" },
            "errors": errors, "values": request.form.values, "internalChecked": request.form.isChecked("internal"),
        ]
        return UIRenderer.page("addresses", title: "Addresses", section: .addresses, request, data, status: status)
    }
}
