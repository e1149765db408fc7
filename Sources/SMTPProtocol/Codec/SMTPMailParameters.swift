import MailCore

/// RFC 1652 / RFC 6152 / RFC 3030 `BODY=`.
public enum SMTPBodyType: String, Hashable, Sendable {
    case sevenBit = "7BIT"
    case eightBitMIME = "8BITMIME"
    /// Parsed, but the session refuses it: BINARYMIME is not advertised.
    case binaryMIME = "BINARYMIME"
}

/// RFC 3461 §4.3 `RET=`: what a failure DSN should return.
public enum DSNReturn: String, Hashable, Sendable {
    case full = "FULL"
    case headers = "HDRS"
}

/// RFC 4954 §5 `AUTH=` on MAIL FROM.
public enum SMTPMailAuthParameter: Hashable, Sendable {
    /// `AUTH=<>`: the submitter is not known or not trusted.
    case unknown
    /// The xtext-decoded identity of whoever submitted the message.
    case identity(String)
}

/// The ESMTP parameters of MAIL FROM that Postino understands.
public struct SMTPMailParameters: Hashable, Sendable {
    /// RFC 1870 `SIZE=`: the declared size in octets (`Int.max` when it does not fit).
    public var size: Int?
    public var body: SMTPBodyType?
    /// RFC 6531 §3.4.
    public var smtpUTF8: Bool
    public var dsnReturn: DSNReturn?
    /// RFC 3461 §4.4 `ENVID=`, xtext-decoded.
    public var envelopeID: String?
    public var auth: SMTPMailAuthParameter?

    public init(size: Int? = nil, body: SMTPBodyType? = nil, smtpUTF8: Bool = false,
                dsnReturn: DSNReturn? = nil, envelopeID: String? = nil,
                auth: SMTPMailAuthParameter? = nil) {
        self.size = size
        self.body = body
        self.smtpUTF8 = smtpUTF8
        self.dsnReturn = dsnReturn
        self.envelopeID = envelopeID
        self.auth = auth
    }

    /// Interprets parameters already split by `ESMTPParameters.parse`.
    public static func parse(_ parameters: ESMTPParameters) throws(SMTPCommandError) -> SMTPMailParameters {
        var result = SMTPMailParameters()
        for parameter in parameters.parameters {
            switch parameter.keyword {
            case "SIZE":
                result.size = try parseSize(parameter.value)
            case "BODY":
                let value = try required(parameter)
                guard let body = SMTPBodyType(rawValue: value.uppercased()) else {
                    throw SMTPCommandError(.syntax, "Unsupported BODY value \(value); use 7BIT or 8BITMIME")
                }
                result.body = body
            case "SMTPUTF8":
                guard parameter.value == nil else {
                    throw SMTPCommandError(.syntax, "SMTPUTF8 takes no value")
                }
                result.smtpUTF8 = true
            case "RET":
                let value = try required(parameter)
                guard let ret = DSNReturn(rawValue: value.uppercased()) else {
                    throw SMTPCommandError(.syntax, "RET must be FULL or HDRS")
                }
                result.dsnReturn = ret
            case "ENVID":
                let decoded = try decodeXtext(try required(parameter), keyword: "ENVID")
                // RFC 3461 §4.4: at most 100 characters.
                guard decoded.utf8.count <= 100 else {
                    throw SMTPCommandError(.syntax, "ENVID is longer than 100 characters")
                }
                result.envelopeID = decoded
            case "AUTH":
                let value = try required(parameter)
                result.auth = value == "<>" ? .unknown : .identity(try decodeXtext(value, keyword: "AUTH"))
            default:
                throw SMTPCommandError(.unknownParameter, "Unsupported parameter \(parameter.keyword)")
            }
        }
        return result
    }

    /// RFC 1870: `size-value ::= 1*20DIGIT`.
    private static func parseSize(_ value: String?) throws(SMTPCommandError) -> Int {
        guard let value, !value.isEmpty, value.utf8.count <= 20,
              value.utf8.allSatisfy({ (0x30...0x39).contains($0) })
        else { throw SMTPCommandError(.syntax, "SIZE must be a number of octets") }
        return Int(value) ?? .max
    }

    static func required(_ parameter: ESMTPParameter) throws(SMTPCommandError) -> String {
        guard let value = parameter.value else {
            throw SMTPCommandError(.syntax, "\(parameter.keyword) needs a value")
        }
        return value
    }

    static func decodeXtext(_ value: String, keyword: String) throws(SMTPCommandError) -> String {
        do {
            return try ESMTPParameters.xtextDecode(value)
        } catch {
            throw SMTPCommandError(.syntax, "\(keyword): \(error.message)")
        }
    }
}
