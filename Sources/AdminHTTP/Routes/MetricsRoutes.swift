import Administration
import Foundation
import Hummingbird

/// `GET /metrics`: Prometheus text format. Readable without a token from a loopback
/// address, with one otherwise (`AuthenticationMiddleware`).
struct MetricsRoutes {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>) {
        router.get("/metrics") { _, _ in
            let figures = try await api.run { admin throws(AdminError) -> (Int, Int64, Int, Int) in
                let stats = try admin.queueStats()
                return (stats.messages, stats.bytes, try admin.users().count, try admin.domains().count)
            }
            api.metrics.queueMessages.set(Int64(figures.0))
            api.metrics.queueBytes.set(figures.1)
            api.metrics.users.set(Int64(figures.2))
            api.metrics.domains.set(Int64(figures.3))
            return JSONResponses.raw(Data(api.metrics.exposition()), status: .ok,
                                     contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
