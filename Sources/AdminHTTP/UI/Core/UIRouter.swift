import Administration
import Foundation
import HTTPTypes
import Hummingbird

/// Registers the UI's pages: each handler gets a `UIRequest` once the session cookie names
/// a live session of an administrator (else `303` to `/login`), and for a POST once the
/// form's `csrf` field matches the session's token (else `403`). Errors become HTML pages;
/// every POST is written to the audit log like an API change.
struct UIRouter {
    let router: Router<AdminRequestContext>
    let api: AdminAPI

    typealias Handler = @Sendable (UIRequest) async throws -> Response

    func get(_ path: String, _ handler: @escaping Handler) {
        let api = self.api
        router.get(RouterPath(path)) { request, context in
            await Self.serve(request, context, api: api, isPost: false, handler)
        }
    }

    func post(_ path: String, _ handler: @escaping Handler) {
        let api = self.api
        router.post(RouterPath(path)) { request, context in
            await Self.serve(request, context, api: api, isPost: true, handler)
        }
    }

    private static func serve(_ request: Request, _ context: AdminRequestContext, api: AdminAPI, isPost: Bool,
                              _ handler: Handler) async -> Response {
        guard let token = SessionCookie.token(in: request) else { return UIResponse.toLogin(from: request) }
        let principal: AdminTokens.Principal?
        do {
            principal = try await api.runTokens { tokens throws(AdminError) in try tokens.principal(token: token) }
        } catch {
            return UIResponse.failure(error, request: request, context: context)
        }
        guard let principal else { return UIResponse.toLogin(from: request) }
        let csrf = SessionCookie.csrfToken(for: token)
        var form = UIForm(encoded: "")
        if isPost {
            do {
                let buffer = try await request.body.collect(upTo: context.maxUploadSize)
                form = UIForm(encoded: String(buffer: buffer))
            } catch {
                return UIResponse.message(status: .contentTooLarge, title: "Too large", text: "The form is larger than 1 MB.")
            }
            // A cross-site form cannot know the token (it is derived from the HttpOnly cookie).
            guard form.raw("csrf") == csrf else {
                return UIResponse.message(status: .forbidden, title: "Form refused",
                                          text: "This form has no valid security token. Reload the page and send it again.")
            }
        }
        var context = context
        context.principal = principal
        let ui = UIRequest(request: request, context: context, principal: principal, token: token, csrf: csrf, form: form,
                           query: UIForm(encoded: request.uri.query ?? ""))
        let response: Response
        do {
            response = try await handler(ui)
        } catch {
            response = UIResponse.failure(error, request: request, context: context)
        }
        if isPost {
            await AuthenticationMiddleware(api: api).audit(principal, request, context, status: response.status.code)
        }
        return response
    }
}
