import Administration
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The UI's answers: HTML with the security headers, redirects, and error pages.
enum UIResponse {
    /// No inline script or style, nothing from elsewhere; forms post only here; no framing.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `303 See Other`: after a POST the browser GETs `location` (no resubmission on reload).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// Back to `path` with a confirmation line shown at the top of the page.
    static func redirect(_ path: String, notice: String) -> Response {
        redirect(path + "?done=" + UIText.queryEscaped(notice))
    }

    static func toLogin(from request: Request) -> Response {
        let target = request.method == .get ? request.uri.path : "/"
        return redirect(target == "/" ? "/login" : "/login?next=" + UIText.queryEscaped(target))
    }

    static func message(status: HTTPResponse.Status, title: String, text: String) -> Response {
        html(UIRenderer.render("message", ["title": title, "text": text, "status": status.code]), status: status)
    }

    /// An operation's error as a page: not found 404, conflict 409, invalid input 422.
    static func failure(_ error: any Error, request: Request, context: AdminRequestContext) -> Response {
        switch error {
        case let error as AdminError:
            let api = APIError(error)
            return message(status: api.status, title: api.status.reasonPhrase, text: error.message)
        case let error as APIError:
            return message(status: error.status, title: error.status.reasonPhrase, text: error.message)
        case let error as UIFieldError:
            return message(status: .unprocessableContent, title: "Invalid input", text: "\(error.field): \(error.message)")
        case let error as HTTPError:
            return message(status: error.status, title: error.status.reasonPhrase, text: error.body ?? error.status.reasonPhrase)
        default:
            context.logger.error("admin UI: \(request.method) \(request.uri.path): \(error)")
            return message(status: .internalServerError, title: "Internal error", text: "\(error)")
        }
    }
}

enum UIText {
    /// For a query value or a path segment: everything but unreserved characters escaped.
    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `1.5 MiB`.
    static func bytes(_ n: Int64) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(n) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
