import Administration
import Hummingbird
import Logging
import NIOCore

/// The optional autoconfig listener (off by default): Thunderbird's autoconfig and
/// Outlook's autodiscover documents for the local domains, so that a user types an address
/// and a password and the client finds the servers. It knows nothing else: no login, no
/// admin route, 404 for any domain that is not local.
public enum AutoconfigServer {
    /// The settings for an address (nil: only the domain is known) in a domain; nil when the
    /// domain is not served here.
    public typealias Lookup = @Sendable (_ email: String?, _ domain: String) async throws -> MailClientSettings?

    public static func start(host: String, port: Int, tls: AdminServer.TLSMaterial?, lookup: @escaping Lookup,
                             eventLoopGroup: any EventLoopGroup, logger: Logger) async throws -> AdminServer.Handle {
        try await AdminServer.serve(router(lookup: lookup, logger: logger), host: host, port: port, tls: tls,
                                    eventLoopGroup: eventLoopGroup, logger: logger, name: "autoconfig")
    }

    static func router(lookup: @escaping Lookup, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let thunderbird: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let email = request.uri.queryParameters.get("emailaddress")
            // Without an address, the domain is the one the client asked at: autoconfig.DOMAIN.
            guard let domain = email.flatMap(domainPart) ?? hostDomain(request, prefix: "autoconfig.") else {
                return notFound
            }
            return try await answer(email, domain, lookup: lookup, logger: logger, render: ThunderbirdAutoconfig.document)
        }
        router.get("/mail/config-v1.1.xml", use: thunderbird)
        router.get("/.well-known/autoconfig/mail/config-v1.1.xml", use: thunderbird)
        let outlook: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let email = OutlookAutodiscover.requestedAddress(in: String(buffer: body)),
                  let domain = domainPart(email) else {
                return Response(status: .badRequest)
            }
            return try await answer(email, domain, lookup: lookup, logger: logger, render: OutlookAutodiscover.document)
        }
        for path in ["/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml", "/AutoDiscover/AutoDiscover.xml"] {
            router.post(RouterPath(path), use: outlook)
        }
        return router
    }

    private static func answer(_ email: String?, _ domain: String, lookup: Lookup, logger: Logger,
                               render: (MailClientSettings) -> String) async throws -> Response {
        guard let settings = try await lookup(email, domain) else {
            logger.debug("autoconfig: \(domain) is not a local domain")
            return notFound
        }
        return Response(status: .ok, headers: [.contentType: "application/xml; charset=utf-8", .cacheControl: "max-age=300"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: render(settings))))
    }

    private static var notFound: Response { Response(status: .notFound) }

    static func domainPart(_ email: String) -> String? {
        guard let at = email.lastIndex(of: "@") else { return nil }
        let domain = email[email.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }

    private static func hostDomain(_ request: Request, prefix: String) -> String? {
        guard var host = request.head.authority?.lowercased() else { return nil }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = String(host[..<colon]) }
        guard host.hasPrefix(prefix), host.count > prefix.count else { return nil }
        return String(host.dropFirst(prefix.count))
    }
}
