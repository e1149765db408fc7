/// One `url-full SP nstring` of `* URLFETCH` (RFC 4467 §8): nil data is NIL, for a URL
/// that is invalid for any reason.
public struct IMAPURLFetchItem: Hashable, Sendable {
    public var url: String
    public var data: [UInt8]?

    public init(url: String, data: [UInt8]?) {
        self.url = url
        self.data = data
    }
}
