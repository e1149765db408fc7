import Hummingbird

/// Turns every error into the API's JSON error: `APIError` as it is, Hummingbird's
/// `HTTPError` (unknown route, wrong method) with its status, anything else a 500.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AdminRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, request: request, context: context)
        }
    }

    static func response(for error: any Error, request: Request, context: Context) -> Response {
        switch error {
        case let error as APIError:
            return JSONResponses.error(error)
        case let error as HTTPError:
            let code: String
            switch error.status {
            case .notFound: code = "not_found"
            case .methodNotAllowed: code = "method_not_allowed"
            case .unauthorized: code = "unauthorized"
            case .contentTooLarge: code = "too_large"
            default: code = error.status.code < 500 ? "bad_request" : "internal"
            }
            let message = error.body ?? (error.status == .notFound ? "no such resource: \(request.uri.path)" : error.status.reasonPhrase)
            return JSONResponses.error(APIError(error.status, code: code, message))
        default:
            context.logger.error("admin API: \(request.method) \(request.uri.path): \(error)")
            return JSONResponses.error(APIError(.internalServerError, code: "internal", "\(error)"))
        }
    }
}
