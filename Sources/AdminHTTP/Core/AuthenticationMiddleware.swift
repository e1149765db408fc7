import Administration
import Durability
import Foundation
import Hummingbird

/// Every route but the login and the OpenAPI document needs `Authorization: Bearer TOKEN`
/// naming a live session or API token of a user who is still an administrator, or the
/// session cookie (with `X-CSRF-Token` on every change). Each
/// change made with a token (every method but GET/HEAD) gets an audit line: who, what,
/// from which address, and the status (request bodies are not logged: they may hold
/// passwords).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = AdminRequestContext
    let api: AdminAPI
    /// What is served without a token: the login, the OpenAPI document, and `/metrics` to
    /// loopback clients.
    static func isOpen(_ request: Request, from remoteAddress: String) -> Bool {
        switch (request.method, request.uri.path) {
        case (.post, "/api/v1/session"), (.post, "/api/v1/login"), (.get, "/api/openapi.json"), (.get, "/api/v1/openapi.json"):
            return true
        case (.get, "/metrics"):
            return remoteAddress.hasPrefix("127.") || remoteAddress == "::1" || remoteAddress.hasPrefix("::ffff:127.")
        default:
            return false
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The web UI checks its own session cookie (a page redirects to /login, no 401).
        if Self.isOpen(request, from: context.remoteAddress) || WebUI.owns(request.uri.path) {
            return try await next(request, context)
        }
        let token: String
        if let bearer = Self.bearer(request) {
            token = bearer
        } else if let cookie = SessionCookie.token(in: request) {
            // A browser's session: every state-changing request carries the CSRF token the
            // login returned (a cross-site form cannot read it).
            if request.method != .get && request.method != .head,
               request.headers[SessionCookie.csrfHeader] != SessionCookie.csrfToken(for: cookie) {
                throw APIError(.forbidden, code: "csrf", "this request needs the X-CSRF-Token header the login returned")
            }
            token = cookie
        } else {
            throw APIError.unauthorized
        }
        guard let principal = try await api.runTokens({ tokens throws(AdminError) in try tokens.principal(token: token) }) else {
            throw APIError.unauthorized
        }
        var context = context
        context.principal = principal
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = ErrorMiddleware.response(for: error, request: request, context: context)
        }
        if request.method != .get && request.method != .head {
            await audit(principal, request, context, status: response.status.code)
        }
        return response
    }

    /// The log line, then the database row (a failure there is logged, the answer stands).
    func audit(_ principal: AdminTokens.Principal, _ request: Request, _ context: Context, status: Int) async {
        let credential = "\(principal.kind.rawValue) token \(principal.tokenName)"
        api.audit.notice("\(principal.user) (\(credential)) from \(context.remoteAddress): \(request.method) \(request.uri.path) -> \(status)")
        guard let store = api.auditStore else { return }
        let row = AdminAuditRow(time: Date(), user: principal.user, credential: credential, address: context.remoteAddress,
                                method: request.method.rawValue, path: request.uri.path, status: status)
        do {
            try await BlockingIO.run { () throws in try store.append(row) }
        } catch {
            api.audit.error("cannot record the audit entry in the database: \(error)")
        }
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
