import Administration
import Hummingbird

/// `/api/v1/filter`: the content filter's access rules (list, add, remove), the verdict
/// history with every symbol, its switches and clamd's state, Bayes training progress
/// (the rows of `postino filter … --json`). Thresholds and switches are settings
/// (`/api/v1/settings/filter.spam.deny`…).
struct FilterRoutes {
    let api: AdminAPI

    struct RuleCreate: Decodable {
        var kind: String
        var value: String
        var action: String?
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/filter/rules") { _, _ in
            try JSONResponses.json(try await call { filter throws(AdminError) in try await filter.rules() })
        }
        router.post("/api/v1/filter/rules") { request, context in
            let body = try await JSONResponses.decode(RuleCreate.self, from: request, context: context)
            let row = try await call { filter throws(AdminError) in try await filter.addRule(kind: body.kind, value: body.value, action: body.action ?? "reject") }
            return try JSONResponses.json(row, status: .created)
        }
        router.delete("/api/v1/filter/rules/{kind}/{value}") { _, context in
            let kind = try context.pathParameter("kind"), value = try context.pathParameter("value")
            try await call { filter throws(AdminError) in try await filter.removeRule(kind: kind, value: value) }
            return JSONResponses.noContent()
        }
        router.get("/api/v1/filter/history") { request, _ in
            var limit = 50
            if let text = request.uri.queryParameters["limit"] {
                guard let n = Int(String(text)), (1...1000).contains(n) else {
                    throw APIError(AdminError.invalidInput("limit: expected a number from 1 to 1000, got \"\(text)\""))
                }
                limit = n
            }
            let count = limit
            return try JSONResponses.json(try await call { filter throws(AdminError) in try await filter.history(limit: count) })
        }
        router.get("/api/v1/filter/status") { _, _ in
            try JSONResponses.json(try await call { filter throws(AdminError) in try await filter.status() })
        }
        router.get("/api/v1/filter/bayes") { _, _ in
            try JSONResponses.json(try await call { filter throws(AdminError) in try await filter.bayesStatus() })
        }
    }

    /// Runs a filter operation (it keeps its blocking work off the concurrency pool); its
    /// `AdminError` becomes the API's error.
    @discardableResult
    private func call<T: Sendable>(_ work: (FilterAdministration) async throws(AdminError) -> T) async throws -> T {
        guard let filter = api.filter else {
            throw APIError(.serviceUnavailable, code: "unavailable", "the filter's state is not available in this server")
        }
        do { return try await work(filter) } catch { throw APIError(error) }
    }
}
