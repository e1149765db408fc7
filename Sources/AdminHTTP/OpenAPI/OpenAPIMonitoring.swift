/// The dashboard, log trace and content filter entries of the OpenAPI document (issue 17/18).
extension OpenAPIDocument {
    static var monitoringOperations: [Operation] {
        let s = OpenAPISchemas.self
        return [
            Operation(method: "get", path: "/api/v1/dashboard",
                      summary: "Mail received, sent and refused per hour (last 24 h), the queue, quota use per user",
                      status: 200, response: s.ref("Dashboard")),
            Operation(method: "get", path: "/api/v1/logs/trace",
                      summary: "The timelines of the messages a QID, Message-ID or address names (log trace)",
                      query: ["query": ["type": "string", "minLength": 1], "since": ["type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?[smhd]?$"]],
                      status: 200, response: s.array(s.ref("TraceTimeline"))),

            Operation(method: "get", path: "/api/v1/filter/rules", summary: "The filter's access rules", status: 200,
                      response: s.array(s.ref("FilterRule"))),
            Operation(method: "post", path: "/api/v1/filter/rules", summary: "Add an access rule (or change a block rule's action)",
                      body: "FilterRuleCreate", status: 201, response: s.ref("FilterRule")),
            Operation(method: "delete", path: "/api/v1/filter/rules/{kind}/{value}", summary: "Remove an access rule", status: 204),
            Operation(method: "get", path: "/api/v1/filter/history", summary: "The latest filter verdicts with every symbol, newest first",
                      query: ["limit": ["type": "integer", "minimum": 1, "maximum": 1000]], status: 200,
                      response: s.array(s.ref("FilterVerdict"))),
            Operation(method: "get", path: "/api/v1/filter/status", summary: "The filter's switches and whether clamd answers",
                      status: 200, response: s.ref("FilterStatus")),
            Operation(method: "get", path: "/api/v1/filter/bayes", summary: "Bayes training progress", status: 200,
                      response: s.ref("BayesStatus")),
        ]
    }
}

extension OpenAPISchemas {
    static var monitoring: JSON {
        let optionalString = nullable("string")
        return [
            "Dashboard": row([
                "hours": array(row(["hour": string, "received": integer, "sent": integer, "refused": integer])),
                "received": integer, "sent": integer, "refused": integer,
                "queue": row(["messages": integer, "bytes": integer]),
                "quotas": array(row(["user": string, "used": integer, "quota": nullable("integer"), "percent": nullable("number")])),
            ]),
            "FilterRuleCreate": body(["kind": ["type": "string", "enum": ["allow-from", "allow-to", "block-from"]], "value": string,
                                      "action": ["type": "string", "enum": ["reject", "quarantine"]]], required: ["kind", "value"]),
            "FilterRule": row(["kind": ["type": "string", "enum": ["allow-from", "allow-to", "block-from"]], "value": string,
                               "action": nullable("string")]),
            "FilterVerdict": row([
                "time": string, "qid": string, "sender": string, "recipients": array(string), "action": string,
                "score": ["type": "number"], "symbols": array(row(["name": string, "weight": ["type": "number"], "detail": string])),
            ]),
            "FilterStatus": row([
                "attachments": boolean, "attachments_block": array(string), "attachments_extensions": array(string),
                "antivirus": boolean, "clamd": string, "clamd_answers": boolean, "clamd_version": optionalString,
                "clamd_error": optionalString, "quarantine": boolean, "quarantine_mailbox": string, "rules": integer,
            ]),
            "BayesStatus": row(["spam": integer, "ham": integer, "tokens": integer, "active": boolean, "trained": boolean,
                                "min_spam": integer, "min_ham": integer]),
            "TraceTimeline": row(["qid": string, "events": array(ref("TraceEvent"))]),
            "TraceEvent": row([
                "time": string, "component": string, "qid": optionalString,
                "kind": ["type": "string", "enum": ["received", "message-id", "rewrite", "verdict", "delivery", "bounce",
                                                    "refusal", "removal", "other"]],
                "text": string, "client": optionalString, "tls": optionalString, "auth_user": optionalString,
                "sender": optionalString, "recipient": optionalString, "relay": optionalString, "status": optionalString,
                "reply": optionalString, "message_id": optionalString, "action": optionalString, "size": nullable("integer"),
            ]),
        ]
    }
}
