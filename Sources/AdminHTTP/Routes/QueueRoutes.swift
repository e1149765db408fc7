import Administration
import Hummingbird

/// `/api/v1/queue`: the rows of `postino queue list/show/stats --json`; resend and delete
/// one message or all.
struct QueueRoutes {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/queue") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.queue() })
        }
        router.get("/api/v1/queue/stats") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.queueStats() })
        }
        router.post("/api/v1/queue/resend") { _, _ in
            let count = try await api.run { admin throws(AdminError) in try admin.resendAll() }
            return try JSONResponses.json(["count": count])
        }
        router.delete("/api/v1/queue") { _, _ in
            let count = try await api.run { admin throws(AdminError) in try admin.deleteAllQueued() }
            return try JSONResponses.json(["count": count])
        }
        router.get("/api/v1/queue/{qid}") { _, context in
            let qid = try context.pathParameter("qid")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.queuedMessage(qid) })
        }
        router.post("/api/v1/queue/{qid}/resend") { _, context in
            let qid = try context.pathParameter("qid")
            try await api.run { admin throws(AdminError) in try admin.resend(qid) }
            return JSONResponses.noContent()
        }
        router.delete("/api/v1/queue/{qid}") { _, context in
            let qid = try context.pathParameter("qid")
            try await api.run { admin throws(AdminError) in try admin.deleteQueued(qid) }
            return JSONResponses.noContent()
        }
    }
}
