import Administration
import HTTPTypes

/// An error as the API answers it: a status and `{"error": {"code": …, "message": …}}`
/// with a stable code.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// not_found 404, conflict 409, invalid_input 422, internal 500.
    init(_ error: AdminError) {
        let status: HTTPResponse.Status
        switch error.kind {
        case .notFound: status = .notFound
        case .conflict: status = .conflict
        case .invalidInput: status = .unprocessableContent
        case .internal: status = .internalServerError
        }
        self.init(status, code: error.kind.rawValue, error.message)
    }

    static let unauthorized = APIError(.unauthorized, code: "unauthorized",
                                       "this request needs a valid token: Authorization: Bearer TOKEN (POST /api/v1/session to log in)")

    static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: "bad_request", message)
    }
}
