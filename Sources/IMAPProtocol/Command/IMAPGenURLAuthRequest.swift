/// One `url-rump SP mechanism` pair of GENURLAUTH (RFC 4467 §7, §9).
public struct IMAPGenURLAuthRequest: Hashable, Sendable {
    /// The URL as given (`authimapurlrump` when well formed: checked by the session).
    public var url: String
    /// Upper case.
    public var mechanism: String

    public init(url: String, mechanism: String) {
        self.url = url
        self.mechanism = mechanism
    }
}
