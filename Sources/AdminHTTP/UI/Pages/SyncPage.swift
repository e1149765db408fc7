import Administration
import Foundation
import Hummingbird

/// `/sync`: the synchronization jobs (a remote IMAP account copied into a local user) with
/// their last run — followed live while it runs by the page's script, which polls the
/// job's REST row — their actions (run now, switch on/off, edit, remove) and the form that
/// adds one: every option of `postino sync add`.
struct SyncPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/sync") { request in try await view(request) }
        ui.post("/sync") { request in
            let form = request.form
            return try await submitting({
                let sync = try api.syncAdministration()
                let localUser = form.text("local_user")
                guard !localUser.isEmpty else { throw UIFieldError(field: "local_user", message: "choose the local user") }
                let input = try SyncForm.input(form, localUser: localUser)
                let job = try await SyncForm.saving(admin: input.adminUser != nil) { () async throws(AdminError) in
                    try await sync.add(try input.job())
                }
                return UIResponse.redirect("/sync", notice: "Sync job of \(job.localUser) added: run it with Run now")
            }, orRedraw: { errors in
                try await view(request, values: SyncForm.values(form), errors: errors, status: .unprocessableContent)
            })
        }
        ui.post("/sync/{user}/run") { request in
            let user = try request.parameter("user")
            guard let runner = api.syncRunner else {
                throw APIError(.serviceUnavailable, code: "unavailable", "this server does not run sync jobs")
            }
            do {
                _ = try await runner.start(user)
            } catch let error as AdminError where error.kind == .conflict {
                // Disabled, or running already: said on the page the action came from.
                return UIResponse.redirect(back(request, user) + "?failed=" + UIText.queryEscaped(error.message))
            }
            return UIResponse.redirect(back(request, user), notice: "Sync job of \(user.lowercased()) started")
        }
        ui.post("/sync/{user}/enabled") { request in
            let user = try request.parameter("user")
            let enabled = request.form.isChecked("enabled")
            let job = try await api.syncAdministration().setEnabled(user, enabled)
            return UIResponse.redirect(back(request, user), notice: "Sync job of \(job.localUser) \(enabled ? "on" : "off")")
        }
        ui.post("/sync/{user}/delete") { request in
            let user = try request.parameter("user")
            try await api.syncAdministration().remove(user)
            return UIResponse.redirect("/sync", notice: "Sync job of \(user.lowercased()) removed (copied mail stays)")
        }
    }

    /// Where an action returns: the job's page when it came from there, else the list.
    private func back(_ request: UIRequest, _ user: String) -> String {
        request.form["back"] == "job" ? SyncJobPage.path(user.lowercased()) : "/sync"
    }

    private func view(_ request: UIRequest, values: [String: Any] = SyncForm.newJob, errors: [String: String] = [:],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let sync = try api.syncAdministration()
        let rows = try await sync.rows(lockDirectory: api.syncRunner?.lockDirectory)
        let users = try await api.ui { admin throws in try admin.users().map(\.name) }
        var data = SyncForm.data(values, users: users, errors: errors)
        data["jobs"] = rows.map(SyncForm.row)
        if let failure = request.query["failed"], !failure.isEmpty { data["failure"] = failure }
        return UIRenderer.page("sync", title: "Synchronization", section: .sync, request, data, status: status)
    }
}

enum AdminTimeText {
    static func iso8601(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}
