import Administration
import Hummingbird

/// `GET /api/v1/audit?limit=N`: the latest changes made through the API (default 100,
/// at most 1000), newest first.
struct AuditRoutes {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/audit") { request, _ in
            var limit = 100
            if let text = request.uri.queryParameters["limit"] {
                guard let n = Int(String(text)), (1...1000).contains(n) else {
                    throw APIError(AdminError.invalidInput("limit: expected a number from 1 to 1000, got \"\(text)\""))
                }
                limit = n
            }
            guard let store = api.auditStore else { return try JSONResponses.json([AdminAuditRow]()) }
            let count = limit
            return try JSONResponses.json(try await api.run { _ throws(AdminError) in try store.recent(limit: count) })
        }
    }
}
