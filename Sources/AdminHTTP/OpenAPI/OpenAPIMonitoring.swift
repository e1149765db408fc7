/// The dashboard and log trace entries of the OpenAPI document (issue 17/18).
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
