import Administration
import Hummingbird

/// `/logs`: search the mail log by QID, Message-ID or address; each message found is
/// shown as its timeline (receipt, scan, deliveries, removal), as `postino log trace`.
struct LogsPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/logs") { request in
            let query = request.query.text("q")
            var data: [String: Any] = ["q": query]
            if !query.isEmpty {
                do {
                    let timelines = try await api.ui { admin throws in try admin.trace(query) }
                    data["searched"] = true
                    data["found"] = !timelines.isEmpty
                    data["timelines"] = timelines.map { t -> [String: Any] in
                        ["qid": t.qid, "events": t.events.map { e -> [String: Any] in
                            ["time": e.time, "component": e.component, "kind": e.kind, "text": e.text]
                        }]
                    }
                } catch let error as AdminError where error.kind != .internal {
                    data["error"] = error.message
                }
            }
            return UIRenderer.page("logs", title: "Logs", section: .logs, request, data)
        }
    }
}
