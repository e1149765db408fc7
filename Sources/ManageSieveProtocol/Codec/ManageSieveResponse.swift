/// The result line that ends every answer: OK, NO or BYE, an optional response code and an
/// optional human-readable text (RFC 5804 §1.2, §4 `response-oknobye`).
public struct ManageSieveResponse: Hashable, Sendable, CustomStringConvertible {
    public enum Status: String, Hashable, Sendable {
        case ok = "OK"
        case no = "NO"
        /// The server closes the connection after sending it.
        case bye = "BYE"
    }

    public var status: Status
    public var code: ManageSieveResponseCode?
    /// UTF-8 text for the user; may span lines (a compiler's error list), then it is sent
    /// as a literal.
    public var text: String?

    public init(status: Status, code: ManageSieveResponseCode? = nil, text: String? = nil) {
        self.status = status
        self.code = code
        self.text = text
    }

    public static func ok(_ text: String? = nil, code: ManageSieveResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(status: .ok, code: code, text: text)
    }

    public static func no(_ text: String? = nil, code: ManageSieveResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(status: .no, code: code, text: text)
    }

    public static func bye(_ text: String? = nil, code: ManageSieveResponseCode? = nil) -> ManageSieveResponse {
        ManageSieveResponse(status: .bye, code: code, text: text)
    }

    public var encoded: [UInt8] {
        var out = Array(status.rawValue.utf8)
        if let code {
            out += Array(" (".utf8) + code.encoded + [UInt8(ascii: ")")]
        }
        if let text {
            out.append(0x20)
            out += ManageSieveWire.string(Array(text.utf8))
        }
        return out + ManageSieveWire.crlf
    }

    /// The wire form as text, for logs and tests.
    public var description: String { String(decoding: encoded, as: UTF8.self) }
}

extension ManageSieveResponse {
    // MARK: Answers a server gives to the session's questions (RFC 5804 §2)

    /// SETACTIVE, GETSCRIPT, DELETESCRIPT, RENAMESCRIPT on a name that does not exist.
    public static let nonexistent = ManageSieveResponse.no("There is no script by that name", code: .nonexistent)
    /// DELETESCRIPT on the active script (§2.10).
    public static let activeScript = ManageSieveResponse.no("You may not delete an active script", code: .active)
    /// RENAMESCRIPT to a name already taken (§2.11).
    public static let alreadyExists = ManageSieveResponse.no("A script with that name already exists", code: .alreadyExists)
    public static let quotaMaxScripts = ManageSieveResponse.no("Too many scripts", code: .quotaMaxScripts)
    public static let quotaMaxSize = ManageSieveResponse.no("Script is too large", code: .quotaMaxSize)
    public static let quotaExceeded = ManageSieveResponse.no("Quota exceeded", code: .quota)
    public static let tryLater = ManageSieveResponse.no("Temporary server failure, try again later", code: .tryLater)
}
