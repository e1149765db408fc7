import Hummingbird

/// The OpenAPI document, without login: `/api/openapi.json` (and `/api/v1/openapi.json`).
struct OpenAPIRoutes {
    func add(to router: Router<AdminRequestContext>) {
        let data = OpenAPIDocument.data()
        router.get("/api/openapi.json") { _, _ in JSONResponses.raw(data, status: .ok) }
        router.get("/api/v1/openapi.json") { _, _ in JSONResponses.raw(data, status: .ok) }
    }
}
