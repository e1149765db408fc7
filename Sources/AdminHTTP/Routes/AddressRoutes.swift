import Administration
import Hummingbird

/// `/api/v1/addresses`: the rows of `postino address list --json`; an address is named as
/// listed (`info@example.com`, `sales@*`), percent-encoded in the path.
struct AddressRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var address: String
        /// `user:NAME`, `group:NAME`, `public:NAME` or an email address.
        var destinations: [String]
        var `internal`: Bool?
    }

    struct Update: Decodable, Sendable {
        var destinations: [String]?
        var `internal`: Bool?
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/addresses") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.addresses() })
        }
        router.post("/api/v1/addresses") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await api.run { admin throws(AdminError) -> AddressRow in
                if body.destinations.isEmpty { throw .invalidInput("destinations: an address needs at least one") }
                let destinations = try body.destinations.map { text throws(AdminError) in try AdminInput.destination(text) }
                return try admin.addAddress(body.address, destinations: destinations, internal: body.internal ?? false)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/addresses/{address}") { _, context in
            let spec = try context.pathParameter("address")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.address(spec) })
        }
        router.patch("/api/v1/addresses/{address}") { request, context in
            let spec = try context.pathParameter("address")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> AddressRow in
                if let list = body.destinations, list.isEmpty { throw .invalidInput("destinations: an address needs at least one") }
                let destinations = try body.destinations.map { list throws(AdminError) in
                    try list.map { text throws(AdminError) in try AdminInput.destination(text) }
                }
                return try admin.updateAddress(spec, destinations: destinations, internal: body.internal)
            })
        }
        router.delete("/api/v1/addresses/{address}") { _, context in
            let spec = try context.pathParameter("address")
            try await api.run { admin throws(AdminError) in try admin.removeAddress(spec) }
            return JSONResponses.noContent()
        }
    }
}
