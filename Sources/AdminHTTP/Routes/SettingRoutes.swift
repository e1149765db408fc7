import Administration
import Hummingbird

/// `/api/v1/settings`: the rows of `postino settings list --json` (value, default, type,
/// help text). `PUT` checks and stores a value; `DELETE` brings the default back.
struct SettingRoutes {
    let api: AdminAPI

    struct Set: Decodable, Sendable {
        var value: String
    }

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/settings") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.settings() })
        }
        router.get("/api/v1/settings/{key}") { _, context in
            let key = try context.pathParameter("key")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.setting(key) })
        }
        router.put("/api/v1/settings/{key}") { request, context in
            let key = try context.pathParameter("key")
            let body = try await JSONResponses.decode(Set.self, from: request, context: context)
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> SettingRow in
                try admin.setSetting(key, body.value)
                return try admin.setting(key)
            })
        }
        router.delete("/api/v1/settings/{key}") { _, context in
            let key = try context.pathParameter("key")
            return try JSONResponses.json(try await api.run { admin throws(AdminError) -> SettingRow in
                try admin.resetSetting(key)
                return try admin.setting(key)
            })
        }
    }
}
