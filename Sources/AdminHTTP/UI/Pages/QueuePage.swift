import Administration
import Hummingbird

/// `/queue`: the queued messages with their deliveries, resend or delete one or all, and a
/// live chart of the queue's length and size (polled from `/api/v1/queue/stats`).
struct QueuePage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/queue") { request in
            let (rows, stats) = try await api.ui { admin throws in (try admin.queue(), try admin.queueStats()) }
            let data: [String: Any] = [
                "messages": rows.map { row -> [String: Any] in
                    var item: [String: Any] = [
                        "qid": row.qid, "href": "/queue/" + UIText.queryEscaped(row.qid), "sender": row.sender.isEmpty ? "<>" : row.sender,
                        "recipients": row.recipients.joined(separator: ", "), "size": UIText.bytes(Int64(row.size)),
                        "arrival": row.arrival, "attempts": row.attempts,
                        "deliveries": row.deliveries.map { d -> [String: Any] in
                            var delivery: [String: Any] = ["recipient": d.recipient, "route": d.route, "status": d.status]
                            if let next = d.next_attempt { delivery["next"] = next }
                            if let reply = d.last_reply { delivery["reply"] = reply }
                            return delivery
                        },
                    ]
                    if let error = row.last_error { item["lastError"] = error }
                    return item
                },
                "count": stats.messages, "bytes": UIText.bytes(stats.bytes), "empty": rows.isEmpty,
            ]
            return UIRenderer.page("queue", title: "Queue", section: .queue, request, data)
        }
        ui.post("/queue/resend") { _ in
            let count = try await api.ui { admin throws in try admin.resendAll() }
            return UIResponse.redirect("/queue", notice: "\(count) messages will be tried again now")
        }
        ui.post("/queue/delete") { _ in
            let count = try await api.ui { admin throws in try admin.deleteAllQueued() }
            return UIResponse.redirect("/queue", notice: "\(count) messages deleted from the queue")
        }
        ui.post("/queue/{qid}/resend") { request in
            let qid = try request.parameter("qid")
            try await api.ui { admin throws in try admin.resend(qid) }
            return UIResponse.redirect("/queue", notice: "\(qid) will be tried again now")
        }
        ui.post("/queue/{qid}/delete") { request in
            let qid = try request.parameter("qid")
            try await api.ui { admin throws in try admin.deleteQueued(qid) }
            return UIResponse.redirect("/queue", notice: "\(qid) deleted from the queue")
        }
    }
}
