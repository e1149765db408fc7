import Hummingbird
import NIOCore

/// `/ui/app.css` and `/ui/app.js`, compiled into the binary; open (the login page needs
/// the style sheet) and cacheable for an hour.
struct AssetRoutes {
    func add(to router: Router<AdminRequestContext>) {
        router.get("/ui/app.css") { _, _ in Self.asset(StyleSheet.css, type: "text/css; charset=utf-8") }
        router.get("/ui/app.js") { _, _ in Self.asset(Script.javascript, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
