import Administration
import Hummingbird

/// API tokens for scripts: `GET/POST /api/v1/tokens`, `DELETE /api/v1/tokens/{name}`. The
/// token text is in the creation's answer only; the list never shows it.
struct TokenRoutes {
    let api: AdminAPI

    struct Create: Decodable {
        var name: String
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/tokens") { _, _ in
            try JSONResponses.json(try await api.runTokens { tokens throws(AdminError) in try tokens.apiTokens() })
        }
        router.post("/api/v1/tokens") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            guard let user = context.principal?.user else { throw APIError.unauthorized }
            let token = try await api.runTokens { tokens throws(AdminError) in try tokens.createAPIToken(name: body.name, user: user) }
            return try JSONResponses.json(["name": body.name, "user": user, "token": token], status: .created)
        }
        router.delete("/api/v1/tokens/{name}") { _, context in
            let name = try context.parameters.require("name")
            try await api.runTokens { tokens throws(AdminError) in try tokens.revokeAPIToken(name: name) }
            return JSONResponses.noContent()
        }
    }
}
