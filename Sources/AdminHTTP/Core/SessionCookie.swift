import Administration
import HTTPTypes
import Hummingbird

/// The browser form of a session: the token in an HttpOnly, SameSite=Strict cookie (Secure
/// under TLS), and a CSRF token derived from it that state-changing requests send back in
/// `X-CSRF-Token`.
enum SessionCookie {
    static let name = "postino_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func token(in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// Not guessable without the session token; nothing more to store.
    static func csrfToken(for token: String) -> String {
        AdminTokens.hash("csrf:" + token)
    }

    static func setting(_ token: String, secure: Bool) -> String {
        "\(name)=\(token); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func clearing(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
