/// The JSON Schemas of the API's bodies (OpenAPI 3.1: JSON Schema 2020-12), one per row
/// type of the administration layer; kept beside the routes that return them.
enum OpenAPISchemas {
    typealias JSON = [String: Any]

    static var string: JSON { ["type": "string"] }
    static var integer: JSON { ["type": "integer"] }
    static var boolean: JSON { ["type": "boolean"] }
    static func array(_ items: JSON) -> JSON { ["type": "array", "items": items] }
    static func nullable(_ type: String) -> JSON { ["type": [type, "null"]] }
    static func ref(_ name: String) -> JSON { ["$ref": "#/components/schemas/\(name)"] }

    /// An object whose listed properties are all required (rows: every key is present).
    static func row(_ properties: JSON) -> JSON {
        ["type": "object", "properties": properties, "required": properties.keys.sorted()]
    }

    /// A request body: `required` properties must be there, the others may be.
    static func body(_ properties: JSON, required: [String] = []) -> JSON {
        ["type": "object", "properties": properties, "required": required]
    }

    static var all: JSON { [
        "Error": row([
            "error": row(["code": string, "message": string]),
        ]),
        "Session": row(["token": string, "user": string, "expires": string, "csrf_token": string]),
        "Principal": row(["user": string, "kind": ["type": "string", "enum": ["session", "api"]], "name": string]),
        "Token": row(["name": string, "user": string, "created": string]),
        "NewToken": row(["name": string, "user": string, "token": string]),
        "Count": row(["count": integer]),
        "AuditEntry": row([
            "time": string, "user": string, "credential": string, "address": string, "method": string,
            "path": string, "status": integer,
        ]),
        "Domain": row([
            "name": string, "delivery": string, "relay_host": nullable("string"), "relay_port": nullable("integer"),
            "relay_tls": nullable("string"),
            "catch_all": nullable("string"), "copy_to": nullable("string"), "dkim": boolean, "disclaimer": boolean,
        ]),
        "User": row([
            "name": string, "administrator": boolean, "imap": boolean, "pop3": boolean, "smtp_auth": boolean,
            "forwards": array(string), "keep_copy": boolean, "quota": nullable("integer"), "quota_used": integer,
            "spam_retention_days": integer, "has_password": boolean,
        ]),
        "Group": row(["name": string, "address_enabled": boolean, "members": array(string)]),
        "PublicMailbox": row(["name": string, "groups": array(string)]),
        "Address": row([
            "address": string, "local_part": string, "domain": nullable("string"), "destinations": array(string),
            "internal": boolean,
        ]),
        "Setting": row([
            "key": string, "value": string, "default": string, "type": string, "is_default": boolean, "doc": string,
        ]),
        "DKIMKey": row([
            "domain": string, "selector": string, "key_type": string, "name": string, "value": string,
            "zone_file_line": string,
        ]),
        "RelayRule": row([
            "sender": string, "host": string, "port": integer, "tls": string, "user": nullable("string"),
        ]),
        "QueueDelivery": row([
            "recipient": string, "route": string, "status": string, "attempts": integer,
            "next_attempt": nullable("string"), "last_reply": nullable("string"),
        ]),
        "QueueMessage": row([
            "qid": string, "sender": string, "recipients": array(string), "size": integer, "arrival": string,
            "age_seconds": integer, "attempts": integer, "last_error": nullable("string"),
            "deliveries": array(ref("QueueDelivery")),
        ]),
        "QueueDetail": row(["message": ref("QueueMessage"), "header": string]),
        "QueueStats": row([
            "messages": integer, "bytes": integer,
            "samples": array(row(["time": string, "messages": integer, "bytes": integer])),
        ]),
    ] }

    static var quota: JSON { ["type": ["integer", "string"]] }

    /// Request bodies, by the name the operations use.
    static var requests: JSON { [
        "Login": body(["user": string, "password": string], required: ["user", "password"]),
        "TokenCreate": body(["name": string], required: ["name"]),
        "DomainCreate": body(["name": string, "relay_to": string], required: ["name"]),
        "DomainUpdate": body([
            "catch_all": nullable("string"), "copy_to": nullable("string"), "dkim": boolean,
            "disclaimer": nullable("string"),
        ]),
        "UserCreate": body(["name": string, "password": string, "password_hash": string, "quota": quota], required: ["name"]),
        "UserUpdate": body([
            "imap": boolean, "pop3": boolean, "smtp_auth": boolean, "administrator": boolean,
            "forwards": array(string), "keep_copy": boolean, "quota": quota,
            "spam_retention_days": nullable("integer"),
        ]),
        "Password": body(["password": string], required: ["password"]),
        "GroupCreate": body(["name": string, "members": array(string)], required: ["name"]),
        "GroupUpdate": body(["address_enabled": boolean]),
        "PublicMailboxCreate": body(["name": string, "groups": array(string)], required: ["name", "groups"]),
        "PublicMailboxUpdate": body(["groups": array(string)], required: ["groups"]),
        "AddressCreate": body(["address": string, "destinations": array(string), "internal": boolean],
                              required: ["address", "destinations"]),
        "AddressUpdate": body(["destinations": array(string), "internal": boolean]),
        "SettingValue": body(["value": string], required: ["value"]),
        "DKIMGenerate": body(["ed25519": boolean, "force": boolean]),
        "RelayHost": body([
            "host": string, "port": integer, "user": string, "password": string,
            "tls": ["type": "string", "enum": ["none", "starttls", "implicit"]],
        ], required: ["host"]),
    ] }
}
