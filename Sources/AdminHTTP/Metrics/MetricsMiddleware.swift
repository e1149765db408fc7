import Hummingbird

/// Counts every request by method and status and times it (`postino_admin_requests_total`,
/// `postino_admin_request_duration_seconds`).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AdminRequestContext
    let metrics: AdminMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        metrics.countRequest(method: request.method.rawValue, status: response.status.code)
        metrics.requestDuration.record(ContinuousClock.now - started)
        return response
    }
}
