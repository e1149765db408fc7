import Administration
import Hummingbird

/// `/`: what the server holds and does: its services and ports, domains, users, the last 24 hours of mail (a chart
/// polled from `/api/v1/dashboard`), the queue (live chart), each user's quota use.
struct DashboardPage {
    let api: AdminAPI

    struct Figures: Sendable {
        var domains: Int
        var users: [UserRow]
        var groups: Int
        var addresses: Int
        var queue: QueueStatsRow
        var dashboard: DashboardRow?
        var dashboardProblem: String?
        var services: [ServeState.Listener] = []
    }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/") { request in
            let figures = try await api.ui { admin throws -> Figures in
                var figures = Figures(domains: try admin.domains().count, users: try admin.users(), groups: try admin.groups().count,
                                      addresses: try admin.addresses().count, queue: try admin.queueStats())
                do { figures.dashboard = try admin.dashboard() } catch let error as AdminError { figures.dashboardProblem = error.message }
                figures.services = admin.services()
                return figures
            }
            var data: [String: Any] = [
                "domains": figures.domains, "users": figures.users.count, "groups": figures.groups,
                "addresses": figures.addresses, "queueMessages": figures.queue.messages,
                "queueBytes": UIText.bytes(figures.queue.bytes), "noDomains": figures.domains == 0,
                "services": figures.services.map { listener -> [String: Any] in
                    ["service": listener.service, "address": "\(listener.host):\(listener.port)", "state": listener.state,
                     "listening": listener.state == "listening"]
                },
                "quotas": figures.users.map { user -> [String: Any] in
                    var row: [String: Any] = ["user": user.name, "used": UIText.bytes(user.quota_used)]
                    if let quota = user.quota, quota > 0 {
                        row["quota"] = UIText.bytes(quota)
                        row["percent"] = String(format: "%.1f", Double(user.quota_used) * 100 / Double(quota))
                    }
                    return row
                },
            ]
            if let dashboard = figures.dashboard {
                data["traffic"] = ["received": dashboard.received, "sent": dashboard.sent, "refused": dashboard.refused]
            } else if let problem = figures.dashboardProblem {
                data["trafficProblem"] = problem
            }
            return UIRenderer.page("dashboard", title: "Dashboard", section: .dashboard, request, data)
        }
    }
}
