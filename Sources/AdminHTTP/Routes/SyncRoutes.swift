import Administration
import Foundation
import Hummingbird

/// `/api/v1/sync`: synchronization jobs (a remote IMAP account copied into a local user) —
/// the rows of `postino sync list --json` / `sync status LOCALUSER --json`, with the last
/// run's live counters once it has run. `POST …/run` starts a run in the server and answers
/// at once (`202`); reading the job shows its progress. Passwords go in, never out.
struct SyncRoutes {
    let api: AdminAPI

    struct Create: Decodable, Sendable {
        var local_user: String
        var host: String
        var port: Int?
        var tls: String
        var tls_verify: Bool?
        /// The remote login whose mailbox is copied.
        var user: String
        var password: String?
        /// A remote administrator ("master user") that logs in as `user`.
        var admin_user: String?
        var admin_password: String?
        var admin_separator: String?
        var delete_local_missing: Bool?
        var expunge_remote: Bool?
        var include: [String]?
        var exclude: [String]?

        var input: SyncJobInput {
            var input = SyncJobInput(localUser: local_user, host: host, tls: tls, remoteUser: user)
            input.port = port
            input.tlsVerify = tls_verify ?? true
            input.password = password
            input.adminUser = admin_user
            input.adminPassword = admin_password
            input.adminSeparator = admin_separator ?? "*"
            input.deleteLocalMissing = delete_local_missing ?? false
            input.expungeRemote = expunge_remote ?? false
            input.includes = include ?? []
            input.excludes = exclude ?? []
            return input
        }
    }

    /// What `sync set` changes.
    struct Update: Decodable, Sendable {
        var enabled: Bool?
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/sync") { _, _ in
            let sync = try api.syncAdministration()
            return try JSONResponses.json(try await call { () throws(AdminError) in try await sync.rows(lockDirectory: lockDirectory) })
        }
        router.post("/api/v1/sync") { request, context in
            let sync = try api.syncAdministration()
            let body = try await JSONResponses.decode(Create.self, from: request, context: context)
            let row = try await call { () throws(AdminError) -> [String: Any] in
                let job = try await sync.add(try body.input.job())
                return try await sync.row(job.localUser, lockDirectory: lockDirectory)
            }
            return try JSONResponses.json(row, status: .created)
        }
        router.get("/api/v1/sync/{user}") { _, context in
            let sync = try api.syncAdministration()
            let user = try context.pathParameter("user")
            return try JSONResponses.json(try await call { () throws(AdminError) in try await sync.row(user, lockDirectory: lockDirectory) })
        }
        router.patch("/api/v1/sync/{user}") { request, context in
            let sync = try api.syncAdministration()
            let user = try context.pathParameter("user")
            let body = try await JSONResponses.decode(Update.self, from: request, context: context)
            let row = try await call { () throws(AdminError) -> [String: Any] in
                let job = if let enabled = body.enabled { try await sync.setEnabled(user, enabled) } else { try await sync.job(user) }
                return try await sync.row(job.localUser, lockDirectory: lockDirectory)
            }
            return try JSONResponses.json(row)
        }
        router.delete("/api/v1/sync/{user}") { _, context in
            let sync = try api.syncAdministration()
            let user = try context.pathParameter("user")
            try await call { () throws(AdminError) in try await sync.remove(user) }
            return JSONResponses.noContent()
        }
        router.post("/api/v1/sync/{user}/run") { _, context in
            let user = try context.pathParameter("user")
            guard let runner = api.syncRunner else {
                throw APIError(.serviceUnavailable, code: "unavailable", "this server does not run sync jobs")
            }
            return try JSONResponses.json(try await call { () throws(AdminError) in try await runner.start(user) }, status: .accepted)
        }
    }

    /// Where the jobs' locks are (a run killed with its server reads `interrupted`); nil
    /// when this server does not run jobs.
    private var lockDirectory: URL? { api.syncRunner?.lockDirectory }

    private func call<T>(_ work: () async throws(AdminError) -> T) async throws -> T {
        do { return try await work() } catch { throw APIError(error) }
    }
}
