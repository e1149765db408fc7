import Administration
import Hummingbird

/// `/api/v1/connectors`: external POP3/IMAP accounts fetched into local users — the rows of
/// `postino connector list --json`, `check` and `run` as the CLI's `--json` prints them.
/// Passwords go in, never out.
struct ConnectorRoutes {
    let api: AdminAPI

    /// The fields of `connector add`/`set`; absent (or null) leaves a field as it is (update)
    /// or takes the default (create).
    struct Fields: Decodable, Sendable {
        var `protocol`: String?
        var host: String?
        var port: Int?
        var tls: String?
        var tls_verify: Bool?
        var user: String?
        var password: String?
        var deliver_to: String?
        /// `keep`, `delete` or a number of days (also as a JSON number).
        var remote: RemoteField?
        var antispam: Bool?
        var antivirus: Bool?
        var interval: Int?
        var folder: String?
        var enabled: Bool?

        func changes() -> ConnectorChanges {
            func onOff(_ value: Bool?) -> String? { value.map { $0 ? "on" : "off" } }
            var changes = ConnectorChanges()
            changes.protocol = `protocol`
            changes.host = host
            changes.port = port
            changes.tls = tls
            changes.tlsVerify = onOff(tls_verify)
            changes.user = user
            changes.password = password
            changes.deliverTo = deliver_to
            changes.remote = remote?.text
            changes.antispam = onOff(antispam)
            changes.antivirus = onOff(antivirus)
            changes.interval = interval
            changes.folder = folder
            changes.enabled = onOff(enabled)
            return changes
        }
    }

    struct Create: Decodable, Sendable {
        var email: String
        var fields: Fields

        enum CodingKeys: String, CodingKey { case email }

        init(from decoder: any Decoder) throws {
            email = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .email)
            fields = try Fields(from: decoder)
        }
    }

    struct RemoteField: Decodable, Sendable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let days = try? container.decode(Int.self) { text = String(days) } else { text = try container.decode(String.self) }
        }
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/connectors") { _, _ in
            try JSONResponses.json(try await call { connectors throws(AdminError) in try await connectors.list() })
        }
        router.post("/api/v1/connectors") { request, context in
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await call { connectors throws(AdminError) -> ConnectorRow in
                let account = try await connectors.add(body.email, body.fields.changes())
                return try await connectors.row(account.email)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/connectors/{email}") { _, context in
            let email = try context.pathParameter("email")
            return try JSONResponses.json(try await call { connectors throws(AdminError) in try await connectors.row(email) })
        }
        router.patch("/api/v1/connectors/{email}") { request, context in
            let email = try context.pathParameter("email")
            let body = try await JSONResponses.decode(Fields.self, from: request, context: context)
            return try JSONResponses.json(try await call { connectors throws(AdminError) -> ConnectorRow in
                let account = try await connectors.update(email, body.changes())
                return try await connectors.row(account.email)
            })
        }
        router.delete("/api/v1/connectors/{email}") { _, context in
            let email = try context.pathParameter("email")
            try await call { connectors throws(AdminError) in try await connectors.remove(email) }
            return JSONResponses.noContent()
        }
        router.post("/api/v1/connectors/{email}/check") { _, context in
            let email = try context.pathParameter("email")
            return try JSONResponses.json(try await call { connectors throws(AdminError) in try await connectors.check(email) })
        }
        router.post("/api/v1/connectors/{email}/run") { _, context in
            let email = try context.pathParameter("email")
            guard let runner = api.connectorRunner else {
                throw APIError(.serviceUnavailable, code: "unavailable", "this server does not run the connectors")
            }
            do { return try JSONResponses.json(try await runner.run(email)) } catch let error as AdminError { throw APIError(error) }
        }
    }

    /// Runs a connector operation (the store keeps its blocking work off the event loops);
    /// its `AdminError` becomes the API's error.
    @discardableResult
    private func call<T: Sendable>(_ work: (ConnectorAdministration) async throws(AdminError) -> T) async throws -> T {
        let connectors = try api.connectorAdministration()
        do { return try await work(connectors) } catch { throw APIError(error) }
    }
}
