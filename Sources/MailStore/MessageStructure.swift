/// A message's ENVELOPE and BODYSTRUCTURE as IMAP sends them (octets: 8-bit header text
/// travels in literals), cached in the index. The store does not know IMAP's encoding: the
/// server hands it an `Encoder` (see `IMAPCachedStructure`).
public struct MessageStructure: Sendable, Hashable {
    public var envelope: [UInt8]
    public var bodyStructure: [UInt8]
    /// The decoded values of the Message-ID fields (usually one), indexed for
    /// `SEARCH HEADER Message-ID`, which clients and migration tools use to find a message.
    public var messageIDs: [String]?

    public init(envelope: [UInt8], bodyStructure: [UInt8], messageIDs: [String]? = nil) {
        self.envelope = envelope
        self.bodyStructure = bodyStructure
        self.messageIDs = messageIDs
    }

    /// Computes the structure of a whole message; nil when it cannot.
    public typealias Encoder = @Sendable ([UInt8]) -> MessageStructure?
}
