/// The connectors' and synchronization jobs' entries of the OpenAPI document (issues 15, 16, 18).
extension OpenAPIDocument {
    static var connectorOperations: [Operation] {
        let s = OpenAPISchemas.self
        return [
            Operation(method: "get", path: "/api/v1/connectors", summary: "Connector accounts and their status (never passwords)",
                      status: 200, response: s.array(s.ref("Connector"))),
            Operation(method: "post", path: "/api/v1/connectors", summary: "Add a connector account (check it with …/check)",
                      body: "ConnectorCreate", status: 201, response: s.ref("Connector")),
            Operation(method: "get", path: "/api/v1/connectors/{email}", summary: "One connector account", status: 200,
                      response: s.ref("Connector")),
            Operation(method: "patch", path: "/api/v1/connectors/{email}", summary: "Change a connector account",
                      body: "ConnectorUpdate", status: 200, response: s.ref("Connector")),
            Operation(method: "delete", path: "/api/v1/connectors/{email}",
                      summary: "Remove a connector account and what it remembers (fetched mail stays)", status: 204),
            Operation(method: "post", path: "/api/v1/connectors/{email}/check",
                      summary: "Connect, start TLS and log in; say what failed", status: 200, response: s.ref("ConnectorCheck")),
            Operation(method: "post", path: "/api/v1/connectors/{email}/run", summary: "Fetch the account now and count what was done",
                      status: 200, response: s.ref("ConnectorRun")),

            Operation(method: "get", path: "/api/v1/sync", summary: "Synchronization jobs with their last run (never passwords)",
                      status: 200, response: s.array(s.ref("SyncJob"))),
            Operation(method: "post", path: "/api/v1/sync", summary: "Add the sync job of a local user",
                      body: "SyncJobCreate", status: 201, response: s.ref("SyncJob")),
            Operation(method: "get", path: "/api/v1/sync/{user}", summary: "One sync job with its last run's live progress",
                      status: 200, response: s.ref("SyncJob")),
            Operation(method: "patch", path: "/api/v1/sync/{user}", summary: "Enable or disable a sync job",
                      body: "SyncJobUpdate", status: 200, response: s.ref("SyncJob")),
            Operation(method: "delete", path: "/api/v1/sync/{user}",
                      summary: "Remove a sync job and what it remembers (not the copied mail)", status: 204),
            Operation(method: "post", path: "/api/v1/sync/{user}/run",
                      summary: "Start a run in the server (read the job for its progress)", status: 202, response: s.ref("SyncJob")),
        ]
    }
}

extension OpenAPISchemas {
    static var connectors: JSON {
        let tls: JSON = ["type": "string", "enum": ["none", "starttls", "implicit"]]
        let kind: JSON = ["type": "string", "enum": ["pop3", "imap"]]
        var fields: JSON = [
            "protocol": kind, "host": string, "port": integer, "tls": tls, "tls_verify": boolean, "user": string,
            "password": string, "deliver_to": string, "remote": ["type": ["string", "integer"]], "antispam": boolean,
            "antivirus": boolean, "interval": integer, "folder": string, "enabled": boolean,
        ]
        let update = body(fields)
        fields["email"] = string
        // Present once the job has run (`sync status --json` prints them then).
        let run: JSON = [
            "state": ["type": "string", "enum": ["running", "finished", "failed", "interrupted"]], "dry_run": boolean,
            "started_at": ["type": "number"], "finished_at": nullable("number"), "folders_total": integer,
            "folders_done": integer, "messages_total": integer, "copied": integer, "skipped": integer, "failed": integer,
            "flags_updated": integer, "deleted_local": integer, "expunged_remote": integer, "bytes": integer,
            "messages_per_second": ["type": "number"], "bytes_per_second": ["type": "number"], "eta_seconds": nullable("number"),
            "error": nullable("string"),
        ]
        let job: JSON = [
            "local_user": string, "host": string, "port": integer, "tls": tls, "tls_verify": boolean, "remote_user": string,
            "login": string, "enabled": boolean, "delete_local_missing": boolean, "expunge_remote": boolean,
            "include": array(string), "exclude": array(string),
        ]
        return [
            "Connector": row([
                "email": string, "protocol": kind, "host": string, "port": integer, "tls": tls, "tls_verify": boolean,
                "user": string, "deliver_to": string, "remote": string, "antispam": boolean, "antivirus": boolean,
                "interval": integer, "folder": string, "enabled": boolean, "last_run": nullable("string"),
                "last_success": nullable("string"), "fetched_total": integer, "fetched_last_run": integer,
                "last_error": nullable("string"),
            ]),
            "ConnectorCreate": body(fields, required: ["email", "protocol", "host", "tls", "user", "password", "deliver_to"]),
            "ConnectorUpdate": update,
            "ConnectorCheck": row(["email": string, "ok": boolean, "failure": nullable("string"), "message": nullable("string")]),
            "ConnectorRun": row([
                "account": string, "fetched": integer, "known": integer, "refused": integer, "deferred": integer,
                "deleted": integer, "recovered": integer, "error": nullable("string"), "errorKind": nullable("string"),
            ]),
            "SyncJob": ["type": "object", "properties": job.merging(run) { a, _ in a }, "required": job.keys.sorted()],
            "SyncJobCreate": body([
                "local_user": string, "host": string, "port": integer, "tls": tls, "tls_verify": boolean, "user": string,
                "password": string, "admin_user": string, "admin_password": string, "admin_separator": string,
                "delete_local_missing": boolean, "expunge_remote": boolean, "include": array(string), "exclude": array(string),
            ], required: ["local_user", "host", "tls", "user"]),
            "SyncJobUpdate": body(["enabled": boolean]),
        ]
    }
}
