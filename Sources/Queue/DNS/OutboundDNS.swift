import Directory

/// The `MailDNS` the server uses.
public enum OutboundDNS {
    /// Until the DNS module's resolver is wired in: the system resolver for addresses,
    /// every domain its own mail exchanger.
    public static func make(directory: DirectoryStore) throws -> any MailDNS {
        SystemAddressDNS()
    }
}
