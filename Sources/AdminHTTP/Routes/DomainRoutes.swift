import Administration
import Hummingbird
import MailCore

/// `/api/v1/domains`: the rows of `postino domain list --json`.
struct DomainRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var name: String
        /// `HOST[:PORT]`: relay the domain's mail there instead of storing it.
        var relay_to: String?
    }

    /// Absent fields stay; `null` clears `catch_all`, `copy_to`, `disclaimer`.
    struct Update: Decodable, Sendable {
        var catch_all: Patch<String> = .absent
        var copy_to: Patch<String> = .absent
        var dkim: Bool?
        var disclaimer: Patch<String> = .absent

        enum CodingKeys: String, CodingKey { case catch_all, copy_to, dkim, disclaimer }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            catch_all = try c.patch(String.self, forKey: .catch_all)
            copy_to = try c.patch(String.self, forKey: .copy_to)
            dkim = try c.decodeIfPresent(Bool.self, forKey: .dkim)
            disclaimer = try c.patch(String.self, forKey: .disclaimer)
        }

        func changes() throws(AdminError) -> DomainChanges {
            var changes = DomainChanges()
            switch catch_all {
            case .absent: break
            case .clear: changes.catchAll = .some(nil)
            case let .set(text): changes.catchAll = .some(try AdminInput.address(text, label: "catch_all"))
            }
            switch copy_to {
            case .absent: break
            case .clear: changes.copyTo = .some(nil)
            case let .set(text): changes.copyTo = .some(try AdminInput.address(text, label: "copy_to"))
            }
            changes.dkim = dkim
            changes.disclaimer = disclaimer.value
            return changes
        }
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/domains") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.domains() })
        }
        router.post("/api/v1/domains") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await api.run { admin throws(AdminError) -> DomainRow in
                let relay = try body.relay_to.map { text throws(AdminError) in try AdminInput.relayTarget(text) }
                return try admin.addDomain(body.name, relayTo: relay)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/domains/{name}") { _, context in
            let name = try context.pathParameter("name")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.domain(name) })
        }
        router.patch("/api/v1/domains/{name}") { request, context in
            let name = try context.pathParameter("name")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in
                try admin.updateDomain(name, try body.changes())
            })
        }
        router.delete("/api/v1/domains/{name}") { _, context in
            let name = try context.pathParameter("name")
            try await api.run { admin throws(AdminError) in try admin.removeDomain(name) }
            return JSONResponses.noContent()
        }
    }
}
