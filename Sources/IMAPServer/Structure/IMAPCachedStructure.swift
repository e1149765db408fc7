import IMAPProtocol
import MailCore
import MailStore

/// The ENVELOPE and BODYSTRUCTURE the mail store caches, encoded as FETCH sends them. The
/// store computes them when it writes a message (the bytes are in memory then); FETCH
/// computes them for messages written before, or by other programs, and caches them.
public enum IMAPCachedStructure {
    public static let encoder: MessageStructure.Encoder = { bytes in structure(of: Message(bytes: bytes)) }

    static func structure(of message: Message) -> MessageStructure {
        MessageStructure(envelope: IMAPResponseEncoder.encodedValue(of: .envelope(IMAPEnvelope(message: message))),
                         bodyStructure: IMAPResponseEncoder.encodedValue(of: .bodyStructure(IMAPBodyStructure(message: message))),
                         messageIDs: messageIDs(of: message))
    }

    /// What `SEARCH HEADER Message-ID` compares with.
    static func messageIDs(of message: Message) -> [String] {
        message.header.all(named: "Message-ID").map(\.decodedValue)
    }
}
