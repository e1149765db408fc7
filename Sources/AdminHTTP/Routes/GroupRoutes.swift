import Administration
import Hummingbird

/// `/api/v1/groups` and their members: the rows of `postino group list --json`.
struct GroupRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var name: String
        var members: [String]?
    }

    struct Update: Decodable, Sendable {
        var address_enabled: Bool?
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/groups") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.groups() })
        }
        router.post("/api/v1/groups") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await api.run { admin throws(AdminError) -> GroupRow in
                try admin.addGroup(body.name)
                for member in body.members ?? [] { try admin.addMember(group: body.name, user: member) }
                return try admin.group(body.name)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/groups/{name}") { _, context in
            let name = try context.pathParameter("name")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.group(name) })
        }
        router.patch("/api/v1/groups/{name}") { request, context in
            let name = try context.pathParameter("name")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> GroupRow in
                if let enabled = body.address_enabled { try admin.setGroupAddress(name, enabled: enabled) }
                return try admin.group(name)
            })
        }
        router.delete("/api/v1/groups/{name}") { _, context in
            let name = try context.pathParameter("name")
            try await api.run { admin throws(AdminError) in try admin.removeGroup(name) }
            return JSONResponses.noContent()
        }
        router.put("/api/v1/groups/{name}/members/{user}") { _, context in
            let name = try context.pathParameter("name")
            let user = try context.pathParameter("user")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> GroupRow in
                try admin.addMember(group: name, user: user)
                return try admin.group(name)
            })
        }
        router.delete("/api/v1/groups/{name}/members/{user}") { _, context in
            let name = try context.pathParameter("name")
            let user = try context.pathParameter("user")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> GroupRow in
                try admin.removeMember(group: name, user: user)
                return try admin.group(name)
            })
        }
    }
}
