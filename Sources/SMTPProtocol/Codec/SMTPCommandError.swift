/// Why a command line could not be parsed, with the reply it deserves.
public struct SMTPCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// 500 5.5.2: the verb is unknown (or the line is empty).
        case unknownCommand
        /// 501 5.5.4: the arguments do not follow the command's syntax.
        case syntax
        /// 501 5.1.7: the MAIL FROM path is not a valid address.
        case badSenderAddress
        /// 501 5.1.3: the RCPT TO path is not a valid address.
        case badRecipientAddress
        /// 555 5.5.4: a MAIL/RCPT parameter this server does not know (RFC 5321 §4.1.1.11).
        case unknownParameter
    }

    public var kind: Kind
    /// Plain ASCII words saying what is wrong.
    public var message: String
    /// For a malformed BDAT whose size could still be read: the octets of the chunk that
    /// follow the line and must be skipped so that they are not read as commands.
    public var octetsToSkip: Int?

    public init(_ kind: Kind, _ message: String, octetsToSkip: Int? = nil) {
        self.kind = kind
        self.message = message
        self.octetsToSkip = octetsToSkip
    }

    public var reply: SMTPReply {
        switch kind {
        case .unknownCommand: return .unknownCommand
        case .syntax: return SMTPReply(501, "5.5.4", message)
        case .badSenderAddress: return SMTPReply(501, "5.1.7", "Bad sender address syntax: \(message)")
        case .badRecipientAddress: return SMTPReply(501, "5.1.3", "Bad recipient address syntax: \(message)")
        case .unknownParameter: return SMTPReply(555, "5.5.4", message)
        }
    }

    public var description: String { message }
}
