import Administration
import Hummingbird
import Queue

/// `/api/v1/relay-rules` (a relay host per sender address or domain) and
/// `/api/v1/smarthost`: the rows of `postino relay list --json`. Relay passwords go
/// in, never out.
struct RelayRoutes {
    let api: AdminAPI

    struct Host: Decodable, Sendable {
        var host: String
        var port: Int?
        var user: String?
        var password: String?
        /// `none`, `starttls` (default) or `implicit`.
        var tls: String?

        func relayHost() throws(AdminError) -> RelayHost {
            var mode = RelayTLSMode.starttls
            if let tls {
                guard let parsed = RelayTLSMode(rawValue: tls) else {
                    throw .invalidInput("tls: expected none, starttls or implicit, got \"\(tls)\"")
                }
                mode = parsed
            }
            return RelayHost(host: host, port: port, user: user, password: password, tls: mode)
        }
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/relay-rules") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.relayRules() })
        }
        router.put("/api/v1/relay-rules/{sender}") { request, context in
            let sender = try context.pathParameter("sender")
            let body = try await JSONResponses.decode(Host.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in
                try admin.addRelayRule(sender: sender, try body.relayHost())
            })
        }
        router.delete("/api/v1/relay-rules/{sender}") { _, context in
            let sender = try context.pathParameter("sender")
            try await api.run { admin throws(AdminError) in try admin.removeRelayRule(sender: sender) }
            return JSONResponses.noContent()
        }
        router.get("/api/v1/smarthost") { _, _ in
            guard let row = try await api.run({ admin throws(AdminError) in try admin.smarthost() }) else {
                throw APIError(AdminError.notFound("no smarthost is set"))
            }
            return try JSONResponses.json(row)
        }
        router.put("/api/v1/smarthost") { request, context in
            let body = try await JSONResponses.decode(Host.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.setSmarthost(try body.relayHost()) })
        }
        router.delete("/api/v1/smarthost") { _, _ in
            guard try await api.run({ admin throws(AdminError) in try admin.removeSmarthost() }) else {
                throw APIError(AdminError.notFound("no smarthost is set"))
            }
            return JSONResponses.noContent()
        }
    }
}
