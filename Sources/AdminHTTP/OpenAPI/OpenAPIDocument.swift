import Foundation

/// The OpenAPI 3.1 document of the REST API, built here beside the routes (one entry per
/// route; `Tests/interop/test_admin_api.py` runs schemathesis against it).
enum OpenAPIDocument {
    typealias JSON = [String: Any]

    struct Operation {
        var method: String
        var path: String
        var summary: String
        var body: String?
        /// Query parameters and their schemas.
        var query: JSON = [:]
        /// Success status and the schema of its body (nil: no body).
        var status: Int
        var response: JSON?
        var open = false
    }

    static var operations: [Operation] {
        let s = OpenAPISchemas.self
        func list(_ name: String) -> JSON { s.array(s.ref(name)) }
        return [
            Operation(method: "post", path: "/api/v1/session", summary: "Log in (an administrator's name and password): a bearer token",
                      body: "Login", status: 201, response: s.ref("Session"), open: true),
            Operation(method: "post", path: "/api/v1/login", summary: "Log in (the same as POST /api/v1/session)",
                      body: "Login", status: 201, response: s.ref("Session"), open: true),
            Operation(method: "get", path: "/api/v1/session", summary: "Who the token acts for", status: 200, response: s.ref("Principal")),
            Operation(method: "delete", path: "/api/v1/session", summary: "Log out (ends the session token)", status: 204),

            Operation(method: "get", path: "/api/v1/tokens", summary: "API tokens (never their secrets)", status: 200, response: list("Token")),
            Operation(method: "post", path: "/api/v1/tokens", summary: "Create an API token (its text is shown once)",
                      body: "TokenCreate", status: 201, response: s.ref("NewToken")),
            Operation(method: "delete", path: "/api/v1/tokens/{name}", summary: "Revoke an API token", status: 204),

            Operation(method: "get", path: "/api/v1/audit", summary: "The latest changes made through the API, newest first",
                      query: ["limit": ["type": "integer", "minimum": 1, "maximum": 1000]], status: 200, response: list("AuditEntry")),

            Operation(method: "get", path: "/api/v1/domains", summary: "Domains", status: 200, response: list("Domain")),
            Operation(method: "post", path: "/api/v1/domains", summary: "Add a domain", body: "DomainCreate", status: 201, response: s.ref("Domain")),
            Operation(method: "get", path: "/api/v1/domains/{name}", summary: "One domain", status: 200, response: s.ref("Domain")),
            Operation(method: "patch", path: "/api/v1/domains/{name}", summary: "Change a domain (null clears)",
                      body: "DomainUpdate", status: 200, response: s.ref("Domain")),
            Operation(method: "delete", path: "/api/v1/domains/{name}", summary: "Remove a domain", status: 204),

            Operation(method: "get", path: "/api/v1/users", summary: "Users", status: 200, response: list("User")),
            Operation(method: "post", path: "/api/v1/users", summary: "Add a user", body: "UserCreate", status: 201, response: s.ref("User")),
            Operation(method: "get", path: "/api/v1/users/{name}", summary: "One user", status: 200, response: s.ref("User")),
            Operation(method: "patch", path: "/api/v1/users/{name}", summary: "Change a user's access, forwarding, quota, spam retention, admin flag",
                      body: "UserUpdate", status: 200, response: s.ref("User")),
            Operation(method: "put", path: "/api/v1/users/{name}/password", summary: "Set a user's password", body: "Password", status: 204),
            Operation(method: "delete", path: "/api/v1/users/{name}", summary: "Remove a user", status: 204),

            Operation(method: "get", path: "/api/v1/groups", summary: "Groups", status: 200, response: list("Group")),
            Operation(method: "post", path: "/api/v1/groups", summary: "Add a group", body: "GroupCreate", status: 201, response: s.ref("Group")),
            Operation(method: "get", path: "/api/v1/groups/{name}", summary: "One group", status: 200, response: s.ref("Group")),
            Operation(method: "patch", path: "/api/v1/groups/{name}", summary: "Switch the group's address",
                      body: "GroupUpdate", status: 200, response: s.ref("Group")),
            Operation(method: "delete", path: "/api/v1/groups/{name}", summary: "Remove a group", status: 204),
            Operation(method: "put", path: "/api/v1/groups/{name}/members/{user}", summary: "Add a member", status: 200, response: s.ref("Group")),
            Operation(method: "delete", path: "/api/v1/groups/{name}/members/{user}", summary: "Remove a member", status: 200, response: s.ref("Group")),

            Operation(method: "get", path: "/api/v1/public-mailboxes", summary: "Public mailboxes", status: 200, response: list("PublicMailbox")),
            Operation(method: "post", path: "/api/v1/public-mailboxes", summary: "Add a public mailbox",
                      body: "PublicMailboxCreate", status: 201, response: s.ref("PublicMailbox")),
            Operation(method: "get", path: "/api/v1/public-mailboxes/{name}", summary: "One public mailbox", status: 200, response: s.ref("PublicMailbox")),
            Operation(method: "patch", path: "/api/v1/public-mailboxes/{name}", summary: "Replace the owning groups",
                      body: "PublicMailboxUpdate", status: 200, response: s.ref("PublicMailbox")),
            Operation(method: "delete", path: "/api/v1/public-mailboxes/{name}", summary: "Remove a public mailbox", status: 204),

            Operation(method: "get", path: "/api/v1/addresses", summary: "Addresses", status: 200, response: list("Address")),
            Operation(method: "post", path: "/api/v1/addresses", summary: "Add an address", body: "AddressCreate", status: 201, response: s.ref("Address")),
            Operation(method: "get", path: "/api/v1/addresses/{address}", summary: "One address (as listed)", status: 200, response: s.ref("Address")),
            Operation(method: "patch", path: "/api/v1/addresses/{address}", summary: "Change destinations or the internal flag",
                      body: "AddressUpdate", status: 200, response: s.ref("Address")),
            Operation(method: "delete", path: "/api/v1/addresses/{address}", summary: "Remove an address", status: 204),

            Operation(method: "get", path: "/api/v1/settings", summary: "Settings with type and help text", status: 200, response: list("Setting")),
            Operation(method: "get", path: "/api/v1/settings/{key}", summary: "One setting", status: 200, response: s.ref("Setting")),
            Operation(method: "put", path: "/api/v1/settings/{key}", summary: "Set a setting (checked against its type)",
                      body: "SettingValue", status: 200, response: s.ref("Setting")),
            Operation(method: "delete", path: "/api/v1/settings/{key}", summary: "Back to the default", status: 200, response: s.ref("Setting")),

            Operation(method: "get", path: "/api/v1/dkim/{domain}", summary: "DKIM keys and the TXT records to publish", status: 200, response: list("DKIMKey")),
            Operation(method: "post", path: "/api/v1/dkim/{domain}", summary: "Generate DKIM keys", body: "DKIMGenerate", status: 201, response: list("DKIMKey")),

            Operation(method: "get", path: "/api/v1/relay-rules", summary: "Relay host rules (smarthost first)", status: 200, response: list("RelayRule")),
            Operation(method: "put", path: "/api/v1/relay-rules/{sender}", summary: "Relay a sender address's or domain's mail through a host",
                      body: "RelayHost", status: 200, response: s.ref("RelayRule")),
            Operation(method: "delete", path: "/api/v1/relay-rules/{sender}", summary: "Remove a relay host rule", status: 204),
            Operation(method: "get", path: "/api/v1/smarthost", summary: "The smarthost", status: 200, response: s.ref("RelayRule")),
            Operation(method: "put", path: "/api/v1/smarthost", summary: "Set the smarthost", body: "RelayHost", status: 200, response: s.ref("RelayRule")),
            Operation(method: "delete", path: "/api/v1/smarthost", summary: "Deliver directly again", status: 204),

            Operation(method: "get", path: "/api/v1/queue", summary: "Queued messages, oldest first", status: 200, response: list("QueueMessage")),
            Operation(method: "delete", path: "/api/v1/queue", summary: "Delete every queued message", status: 200, response: s.ref("Count")),
            Operation(method: "get", path: "/api/v1/queue/stats", summary: "Queue length, size and the last hour's samples", status: 200, response: s.ref("QueueStats")),
            Operation(method: "post", path: "/api/v1/queue/resend", summary: "Retry every queued message now", status: 200, response: s.ref("Count")),
            Operation(method: "get", path: "/api/v1/queue/{qid}", summary: "One queued message with its header", status: 200, response: s.ref("QueueDetail")),
            Operation(method: "post", path: "/api/v1/queue/{qid}/resend", summary: "Retry a message now", status: 204),
            Operation(method: "delete", path: "/api/v1/queue/{qid}", summary: "Delete a queued message (no notice)", status: 204),
        ] + monitoringOperations + connectorOperations
    }

    /// The whole document.
    static func document() -> JSON {
        var paths: [String: JSON] = [:]
        for operation in operations {
            var entry: JSON = ["summary": operation.summary, "operationId": operationID(operation)]
            let parameters = pathParameters(operation.path)
            var parameterList = parameters.map { name -> JSON in
                ["name": name, "in": "path", "required": true, "schema": ["type": "string", "minLength": 1]]
            }
            for (name, schema) in operation.query.sorted(by: { $0.key < $1.key }) {
                parameterList.append(["name": name, "in": "query", "required": false, "schema": schema])
            }
            if !parameterList.isEmpty { entry["parameters"] = parameterList }
            if let body = operation.body {
                let required = ((OpenAPISchemas.requests[body] ?? OpenAPISchemas.monitoring[body] ?? OpenAPISchemas.connectors[body]) as? JSON)?["required"] as? [String] ?? []
                entry["requestBody"] = [
                    "required": !required.isEmpty,
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]],
                ]
            }
            var success: JSON = ["description": "OK"]
            if let response = operation.response {
                success["content"] = ["application/json": ["schema": response]]
            }
            let error: JSON = ["description": "Error", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
            entry["responses"] = [String(operation.status): success, "4XX": error]
            if operation.open { entry["security"] = [JSON]() }
            paths[operation.path, default: [:]][operation.method] = entry
        }
        var schemas = OpenAPISchemas.all
        for (name, schema) in OpenAPISchemas.requests { schemas[name] = schema }
        for (name, schema) in OpenAPISchemas.monitoring { schemas[name] = schema }
        for (name, schema) in OpenAPISchemas.connectors { schemas[name] = schema }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Postino administration API",
                "version": "1",
                "description": "Every administration operation of the postino CLI over HTTP. Log in with POST /api/v1/session, then send Authorization: Bearer TOKEN (or the postino_session cookie, with X-CSRF-Token on changes).",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()], ["cookie": [String]()]],
            "components": [
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    // Set by the login; changes made with it need the login's csrf_token in X-CSRF-Token.
                    "cookie": ["type": "apiKey", "in": "cookie", "name": SessionCookie.name],
                ],
                "schemas": schemas,
            ],
            "paths": paths,
        ]
    }

    static func data() -> Data {
        (try? JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }

    private static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
        }
    }

    private static func operationID(_ operation: Operation) -> String {
        let words = operation.path.split(separator: "/").dropFirst(2).map { part -> String in
            let word = part.hasPrefix("{") ? "by-" + part.dropFirst().dropLast() : String(part)
            return word
        }
        return ([operation.method] + words).joined(separator: "-")
    }
}
