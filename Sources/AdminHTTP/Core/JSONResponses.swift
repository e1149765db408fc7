import Administration
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON in and out: rows are written by `AdminJSON` (the same text as the CLI's `--json`,
/// every key present); bodies are decoded into the small request structs of the routes.
enum JSONResponses {
    static func json(_ value: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        let data: Data
        do { data = try AdminJSON.data(value) } catch { throw APIError(.internalServerError, code: "internal", "cannot encode the answer: \(error)") }
        return raw(data, status: status)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response {
        Response(status: .noContent)
    }

    static func error(_ error: APIError) -> Response {
        let body: [String: Any] = ["error": ["code": error.code, "message": error.message]]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        var response = raw(data, status: error.status)
        if error.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"postino\"" }
        return response
    }

    /// The request's JSON body as `T`; a missing, malformed or mistyped body is a 400.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AdminRequestContext) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: context.maxUploadSize) } catch {
            throw APIError(.contentTooLarge, code: "too_large", "the request body is larger than 1 MB")
        }
        let data = Data(buffer: buffer)
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let error as AdminError {
            throw APIError(error)
        } catch let error as DecodingError {
            throw APIError.badRequest("invalid JSON body: \(describe(error))")
        } catch {
            throw APIError.badRequest("invalid JSON body: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "" : "\(p): "
        }
        switch error {
        case let .keyNotFound(key, context): return "\(path(context))missing field \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(path(context))\(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self = buffer.getData(at: buffer.readerIndex, length: buffer.readableBytes) ?? Data()
    }
}
