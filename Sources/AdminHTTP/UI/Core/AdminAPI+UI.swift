import Administration
import Durability
import Hummingbird

extension AdminAPI {
    /// Runs administration work off the event loops, keeping its error as it is (an
    /// `AdminError`, or a `UIFieldError` naming the form field at fault).
    @discardableResult
    func ui<T: Sendable>(_ work: @escaping @Sendable (Administration) throws -> T) async throws -> T {
        let administration = self.administration
        return try await BlockingIO.run { () throws -> T in try work(administration) }
    }

    /// The filter's operations, or a 503 page saying they are not wired in this server.
    func filterAdministration() throws -> FilterAdministration {
        guard let filter else {
            throw APIError(.serviceUnavailable, code: "unavailable", "the filter's state is not available in this server")
        }
        return filter
    }

    func connectorAdministration() throws -> ConnectorAdministration {
        guard let connectors else {
            throw APIError(.serviceUnavailable, code: "unavailable", "the connectors are not available in this server")
        }
        return connectors
    }

    func syncAdministration() throws -> SyncAdministration {
        guard let sync else {
            throw APIError(.serviceUnavailable, code: "unavailable", "the synchronization jobs are not available in this server")
        }
        return sync
    }
}

/// Draws a form's page again with the error next to its field (`UIFieldError`), or at
/// the top of the form (`form`) for an operation's refusal that names no field.
func submitting(_ body: () async throws -> Response,
                orRedraw redraw: ([String: String]) async throws -> Response) async throws -> Response {
    do {
        return try await body()
    } catch let error as UIFieldError {
        return try await redraw([error.field: error.message])
    } catch let error as AdminError where error.kind != .internal {
        return try await redraw(["form": error.message])
    }
}
