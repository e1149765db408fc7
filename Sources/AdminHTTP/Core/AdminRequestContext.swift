import Administration
import Hummingbird
import NIOCore

/// A request's context: Hummingbird's storage, the peer's address, and the administrator
/// the bearer token names (set by `AuthenticationMiddleware`).
public struct AdminRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var remoteAddress: String
    public var principal: AdminTokens.Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        principal = nil
    }

    /// JSON bodies are at most 1 MB (a disclaimer is the largest field).
    public var maxUploadSize: Int { 1 << 20 }
}
