import Administration
import Hummingbird

/// `GET /api/v1/dashboard`: mail per hour over the last 24 hours, the queue, quota use.
struct DashboardRoutes {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>) {
        router.get("/api/v1/dashboard") { _, _ in
            try JSONResponses.json(try await api.run { admin throws(AdminError) in try admin.dashboard() })
        }
    }
}
