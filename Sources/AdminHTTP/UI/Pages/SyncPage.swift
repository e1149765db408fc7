import Administration
import Foundation
import Hummingbird

/// `/sync`: the synchronization jobs (a remote IMAP account copied into a local user) with
/// their last run's progress (the page reloads itself while one runs); switch a job on or
/// off, remove it. Jobs are added and run with `postino sync`.
struct SyncPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/sync") { request in
            let sync = try api.syncAdministration()
            var rows: [[String: Any]] = []
            var running = false
            for job in try await sync.jobs() {
                var row: [String: Any] = [
                    "user": job.localUser, "href": "/sync/" + UIText.queryEscaped(job.localUser),
                    "remote": "\(job.remoteUser) at \(job.host):\(job.port) (\(job.tls.rawValue))", "enabled": job.enabled,
                ]
                if let stats = try await sync.lastRun(job.localUser) {
                    running = running || stats.state.rawValue == "running"
                    row["run"] = [
                        "state": stats.state.rawValue, "started": AdminTimeText.iso8601(stats.startedAt),
                        "folders": "\(stats.foldersDone)/\(stats.foldersTotal)", "messages": stats.messagesTotal,
                        "copied": stats.copied, "skipped": stats.skipped, "failed": stats.failed,
                        "percent": stats.foldersTotal == 0 ? 0 : stats.foldersDone * 100 / stats.foldersTotal,
                    ] as [String: Any]
                }
                rows.append(row)
            }
            return UIRenderer.page("sync", title: "Synchronization", section: .sync, request,
                                   ["jobs": rows, "running": running])
        }
        ui.post("/sync/{user}/enabled") { request in
            let user = try request.parameter("user")
            let enabled = request.form.isChecked("enabled")
            _ = try await api.syncAdministration().setEnabled(user, enabled)
            return UIResponse.redirect("/sync", notice: "Sync job of \(user) \(enabled ? "on" : "off")")
        }
        ui.post("/sync/{user}/delete") { request in
            let user = try request.parameter("user")
            try await api.syncAdministration().remove(user)
            return UIResponse.redirect("/sync", notice: "Sync job of \(user) removed")
        }
    }
}

enum AdminTimeText {
    static func iso8601(_ seconds: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: seconds))
    }
}
