import Administration
import Hummingbird

/// A page request of a logged-in administrator: the session's CSRF token for the forms
/// drawn, the form posted (empty for GET) and the query.
struct UIRequest: Sendable {
    let request: Request
    let context: AdminRequestContext
    let principal: AdminTokens.Principal
    /// The session token of the cookie (logout closes it).
    let token: String
    let csrf: String
    let form: UIForm
    let query: UIForm

    var user: String { principal.user }
    var path: String { request.uri.path }

    /// A path parameter, percent-decoded.
    func parameter(_ name: String) throws -> String {
        try context.pathParameter(name)
    }
}
