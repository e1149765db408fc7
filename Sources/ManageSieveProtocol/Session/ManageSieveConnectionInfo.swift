import ProtocolCore

/// What the glue knows about the TCP connection when it opens.
public typealias ManageSieveConnectionInfo = ClientConnectionInfo
