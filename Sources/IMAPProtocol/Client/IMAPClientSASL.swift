/// Client side of the SASL mechanisms the IMAP client offers.
public enum IMAPClientSASL {
    /// RFC 4616 PLAIN: base64 of `authzid NUL authcid NUL password`. A master user logs in as
    /// `authcid` and acts as `authzid`.
    public static func plain(authorization: String, authentication: String, password: String) -> String {
        let message = Array(authorization.utf8) + [0] + Array(authentication.utf8) + [0] + Array(password.utf8)
        return String(decoding: Base64.encode(message), as: UTF8.self)
    }
}
