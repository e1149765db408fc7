import ProtocolCore

/// What the glue knows about the TCP connection when it opens.
public typealias POP3ConnectionInfo = ClientConnectionInfo
