import Administration
import Foundation
import Hummingbird

/// `GET /api/v1/logs/trace?query=QID|MESSAGE-ID|ADDRESS[&since=2h]`: the timelines of
/// `postino log trace --json` (an empty list when nothing matches).
struct LogRoutes {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/logs/trace") { request, _ in
            let query = request.uri.queryParameters["query"].map(String.init) ?? ""
            let window = request.uri.queryParameters["since"].map(String.init)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> [LogTraceRow] in
                var since: Date?
                if let window { since = Date().addingTimeInterval(-(try Administration.traceWindow(window))) }
                return try admin.trace(query, since: since)
            })
        }
    }
}
