import Administration
import Authentication
import Hummingbird

/// `/login` and `/logout`: the same login as `POST /api/v1/session` (the one
/// authenticator, its throttle and access-log line; a refusal waits like the API's), ending
/// in the session cookie; logout closes the session.
struct LoginPage {
    let api: AdminAPI

    func add(to router: Router<AdminRequestContext>, ui: UIRouter) {
        let api = self.api
        router.get("/login") { request, _ in
            let next = UIForm(encoded: request.uri.query ?? "")["next"] ?? "/"
            return UIResponse.html(UIRenderer.render("login", ["next": Self.safeTarget(next)]))
        }
        router.post("/login") { request, context in
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let form = UIForm(encoded: String(buffer: buffer))
            return await Self.login(form, context: context, api: api)
        }
        ui.post("/logout") { request in
            try await api.runTokens { tokens throws(AdminError) in try tokens.close(token: request.token) }
            var response = UIResponse.redirect("/login")
            response.headers[.setCookie] = SessionCookie.clearing(secure: api.secureCookies)
            return response
        }
    }

    /// Only a path of this site (never `//host` or a URL) may follow the login.
    static func safeTarget(_ target: String) -> String {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.contains("\\") ? target : "/"
    }

    private static func login(_ form: UIForm, context: AdminRequestContext, api: AdminAPI) async -> Response {
        let user = form.text("user")
        let next = safeTarget(form.text("next"))
        func refused(_ message: String, status: HTTPResponse.Status) -> Response {
            UIResponse.html(UIRenderer.render("login", ["error": message, "user": user, "next": next]), status: status)
        }
        let outcome = await api.authenticator.authenticate(LoginRequest(
            service: .admin, mechanism: "PASSWORD", login: user, password: form.raw("password") ?? "",
            remoteAddress: context.remoteAddress, tls: false))
        switch outcome {
        case let .success(name, _):
            api.metrics.loginsOK.increment()
            do {
                let session = try await api.runTokens { tokens throws(AdminError) in try tokens.openSession(user: name) }
                api.audit.notice("\(name) from \(context.remoteAddress): logged in to the admin UI")
                var response = UIResponse.redirect(next)
                response.headers[.setCookie] = SessionCookie.setting(session.token, secure: api.secureCookies)
                return response
            } catch {
                return refused("The session could not be opened: \(error)", status: .internalServerError)
            }
        case .serviceDisabled:
            api.metrics.loginsFailed.increment()
            try? await Task.sleep(for: api.failedLoginDelay)
            return refused("\(user) is not an administrator.", status: .forbidden)
        case .blocked:
            api.metrics.loginsFailed.increment()
            return refused("Too many failed logins from this address; wait a few minutes.", status: .tooManyRequests)
        case .unavailable:
            return refused("The directory cannot be read; try again later.", status: .serviceUnavailable)
        case .invalidCredentials, .authorizationRefused:
            api.metrics.loginsFailed.increment()
            try? await Task.sleep(for: api.failedLoginDelay)
            return refused("Wrong user name or password.", status: .unauthorized)
        }
    }
}
