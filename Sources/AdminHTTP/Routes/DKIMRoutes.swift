import Administration
import Hummingbird

/// `/api/v1/dkim/{domain}`: the domain's keys with the TXT records to publish (never the
/// private key); `POST` generates them (RSA-2048, or Ed25519 with `ed25519: true`).
struct DKIMRoutes {
    let api: AdminAPI

    struct Generate: Decodable, Sendable {
        var ed25519: Bool?
        /// Replace existing keys (the published record must then change too).
        var force: Bool?
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/dkim/{domain}") { _, context in
            let domain = try context.pathParameter("domain")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.dkimKeys(domain: domain) })
        }
        router.post("/api/v1/dkim/{domain}") { request, context in
            let domain = try context.pathParameter("domain")
            let body = try await JSONResponses.decode(Generate.self, from: request, context: context)
            let rows = try await api.run { admin throws(AdminError) in
                try admin.generateDKIMKeys(domain: domain, ed25519: body.ed25519 ?? false, force: body.force ?? false)
            }
            return try JSONResponses.json(rows, status: .created)
        }
    }
}
