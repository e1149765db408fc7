import Administration
import Hummingbird

/// `/sync/USER`: one job's form (every option of `sync add`; passwords are never drawn, an
/// empty one keeps the stored one) with its last run, followed live like on the list.
/// Another host or remote user makes the job forget what it copied (see
/// `SyncAdministration.update`); the mail stays.
struct SyncJobPage {
    let api: AdminAPI

    static func path(_ user: String) -> String { "/sync/" + UIText.queryEscaped(user) }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/sync/{user}") { request in try await view(request, user: try request.parameter("user")) }
        ui.post("/sync/{user}") { request in
            let user = try request.parameter("user")
            let form = request.form
            return try await submitting({
                let sync = try api.syncAdministration()
                let input = try SyncForm.input(form, localUser: user)
                let job = try await SyncForm.saving(admin: input.adminUser != nil) { () async throws(AdminError) in
                    try await sync.update(user, input, lockDirectory: api.syncRunner?.lockDirectory)
                }
                return UIResponse.redirect(Self.path(job.localUser), notice: "Sync job of \(job.localUser) saved")
            }, orRedraw: { errors in
                try await view(request, user: user, values: SyncForm.values(form), errors: errors, status: .unprocessableContent)
            })
        }
    }

    private func view(_ request: UIRequest, user: String, values: [String: Any]? = nil, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let sync = try api.syncAdministration()
        let row = try await sync.row(user, lockDirectory: api.syncRunner?.lockDirectory)
        var data = SyncForm.data(values ?? SyncForm.values(row), users: [], errors: errors)
        let job = SyncForm.row(row)
        data["job"] = job
        data["editing"] = true
        data["href"] = job["href"]
        if let failure = request.query["failed"], !failure.isEmpty { data["failure"] = failure }
        let name = row["local_user"] as? String ?? user
        return UIRenderer.page("sync-job", title: "Sync job of \(name)", section: .sync, request, data, status: status)
    }
}
