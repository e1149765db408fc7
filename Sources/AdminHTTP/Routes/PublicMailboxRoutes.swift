import Administration
import Hummingbird

/// `/api/v1/public-mailboxes`: the rows of `postino public list --json`.
struct PublicMailboxRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var name: String
        var groups: [String]
    }

    struct Update: Decodable, Sendable {
        var groups: [String]
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/public-mailboxes") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.publicMailboxes() })
        }
        router.post("/api/v1/public-mailboxes") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await api.run { admin throws(AdminError) in try admin.addPublicMailbox(body.name, groups: body.groups) }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/public-mailboxes/{name}") { _, context in
            let name = try context.pathParameter("name")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.publicMailbox(name) })
        }
        router.patch("/api/v1/public-mailboxes/{name}") { request, context in
            let name = try context.pathParameter("name")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in
                try admin.setPublicMailboxGroups(name, groups: body.groups)
            })
        }
        router.delete("/api/v1/public-mailboxes/{name}") { _, context in
            let name = try context.pathParameter("name")
            try await api.run { admin throws(AdminError) in try admin.removePublicMailbox(name) }
            return JSONResponses.noContent()
        }
    }
}
