import Administration
import Authentication
import Foundation
import Hummingbird

/// `POST /api/v1/session` (also `/api/v1/login`): an administrator's name and password →
/// a bearer token with an idle timeout, also set as the session cookie, and the CSRF token
/// that goes with the cookie; `DELETE /api/v1/session` ends it. The login goes
/// through the one authenticator (its throttle and access-log line apply); a refusal is a
/// 401 after a delay.
struct SessionRoutes {
    let api: AdminAPI

    struct Login: Decodable {
        var user: String
        var password: String
    }

    func add(to router: Router<AdminRequestContext>) {
        router.post("/api/v1/session") { request, context in try await login(request, context) }
        router.post("/api/v1/login") { request, context in try await login(request, context) }
        router.delete("/api/v1/session") { request, _ in
            if let token = AuthenticationMiddleware.bearer(request) ?? SessionCookie.token(in: request) {
                try await api.runTokens { tokens throws(AdminError) in try tokens.close(token: token) }
            }
            var response = JSONResponses.noContent()
            response.headers[.setCookie] = SessionCookie.clearing(secure: api.secureCookies)
            return response
        }
        router.get("/api/v1/session") { _, context in
            guard let principal = context.principal else { throw APIError.unauthorized }
            return try JSONResponses.json(["user": principal.user, "kind": principal.kind.rawValue, "name": principal.tokenName])
        }
    }

    private func login(_ request: Request, _ context: AdminRequestContext) async throws -> Response {
        let body = try await JSONResponses.decode(Login.self, from: request, context: context)
        let outcome = await api.authenticator.authenticate(LoginRequest(
            service: .admin, mechanism: "PASSWORD", login: body.user, password: body.password,
            remoteAddress: context.remoteAddress, tls: false))
        switch outcome {
        case let .success(user, _):
            api.metrics.loginsOK.increment()
            let session = try await api.runTokens { tokens throws(AdminError) in try tokens.openSession(user: user) }
            api.audit.notice("\(user) from \(context.remoteAddress): logged in to the admin API")
            var response = try JSONResponses.json(["token": session.token, "user": user,
                                                   "csrf_token": SessionCookie.csrfToken(for: session.token),
                                                   "expires": ISO8601DateFormatter().string(from: session.expires)], status: .created)
            response.headers[.setCookie] = SessionCookie.setting(session.token, secure: api.secureCookies)
            return response
        case .serviceDisabled:
            api.metrics.loginsFailed.increment()
            try? await Task.sleep(for: api.failedLoginDelay)
            throw APIError(.forbidden, code: "forbidden", "\(body.user) is not an administrator")
        case .blocked:
            api.metrics.loginsFailed.increment()
            throw APIError(.tooManyRequests, code: "blocked", "too many failed logins from this address")
        case .unavailable:
            throw APIError(.serviceUnavailable, code: "unavailable", "the directory cannot be read; try again later")
        case .invalidCredentials, .authorizationRefused:
            api.metrics.loginsFailed.increment()
            try? await Task.sleep(for: api.failedLoginDelay)
            throw APIError(.unauthorized, code: "unauthorized", "wrong user name or password")
        }
    }
}
