import Administration
import Foundation
import Metrics
import Testing
@testable import AdminHTTP

@Suite("AdminHTTP: errors, request bodies, OpenAPI document")
struct AdminHTTPUnitTests {
    @Test func adminErrorKindsMapToStatuses() {
        let cases: [(AdminError.Kind, Int)] = [(.notFound, 404), (.conflict, 409), (.invalidInput, 422), (.internal, 500)]
        for (kind, status) in cases {
            let error = APIError(AdminError(kind, "m"))
            #expect(error.status.code == status && error.code == kind.rawValue && error.message == "m")
        }
    }

    @Test func patchFieldsTellAbsentFromNullFromValue() throws {
        func decode(_ json: String) throws -> DomainRoutes.Update {
            try JSONDecoder().decode(DomainRoutes.Update.self, from: Data(json.utf8))
        }
        let absent = try decode("{}").changes()
        #expect(absent.catchAll == nil && absent.copyTo == nil && absent.disclaimer == nil && absent.dkim == nil)
        let cleared = try decode(#"{"catch_all": null, "disclaimer": null}"#).changes()
        #expect(cleared.catchAll == .some(nil) && cleared.disclaimer == .some(nil) && cleared.copyTo == nil)
        let set = try decode(#"{"catch_all": "a@example.com", "dkim": true}"#).changes()
        #expect(set.catchAll??.description == "a@example.com" && set.dkim == true)
        #expect(throws: AdminError.self) { try decode(#"{"catch_all": "not an address"}"#).changes() }
    }

    @Test func quotaIsBytesOrText() throws {
        func quota(_ json: String) throws -> Quota? {
            try JSONDecoder().decode(UserRoutes.Update.self, from: Data(json.utf8)).changes().quota
        }
        #expect(try quota(#"{"quota": 1048576}"#) == .bytes(1_048_576))
        #expect(try quota(#"{"quota": "2G"}"#) == .bytes(2 << 30))
        #expect(try quota(#"{"quota": "none"}"#) == .unlimited)
        #expect(try quota(#"{"quota": 0}"#) == .unlimited)
        #expect(try quota(#"{"quota": "default"}"#) == .serverDefault)
        #expect(throws: AdminError.self) { try quota(#"{"quota": "lots"}"#) }
        #expect(throws: DecodingError.self) { try quota(#"{"quota": true}"#) }
    }

    @Test func openAPIDocumentIsConsistent() throws {
        let document = try #require(JSONSerialization.jsonObject(with: OpenAPIDocument.data()) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let operations = OpenAPIDocument.operations
        #expect(paths.values.map(\.count).reduce(0, +) == operations.count)
        let ids = operations.map { op in ((paths[op.path]?[op.method] as? [String: Any])?["operationId"] as? String) ?? "" }
        #expect(Set(ids).count == ids.count && !ids.contains(""))
        // Every schema referenced is defined.
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let text = String(decoding: OpenAPIDocument.data(), as: UTF8.self)
        let refs = text.components(separatedBy: "#/components/schemas/").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!refs.isEmpty)
        for ref in refs { #expect(schemas[String(ref)] != nil, "missing schema \(ref)") }
        // Only the login is open.
        let open = operations.filter(\.open).map(\.path).sorted()
        #expect(open == ["/api/v1/login", "/api/v1/session"])
    }

    @Test func swiftMetricsOfAnyModuleLandInTheRegistry() {
        AdminMetrics.shared.bootstrap()
        Metrics.Counter(label: "postino_unit_things_total", dimensions: [("kind", "x")]).increment(by: 3)
        let text = String(decoding: AdminMetrics.shared.exposition(), as: UTF8.self)
        #expect(text.contains(#"postino_unit_things_total{kind="x"} 3"#), "\(text)")
    }

    @Test func csrfTokenIsTiedToTheSession() {
        let a = SessionCookie.csrfToken(for: "pst_a"), b = SessionCookie.csrfToken(for: "pst_b")
        #expect(a != b && a.count == 64 && a != AdminTokens.hash("pst_a"))
        #expect(SessionCookie.setting("t", secure: true).hasSuffix("; Secure"))
        #expect(!SessionCookie.setting("t", secure: false).contains("Secure"))
    }
}
