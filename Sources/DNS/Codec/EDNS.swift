/// The EDNS0 pseudo-record (OPT, RFC 6891 §6.1), kept out of the additional section.
public struct EDNS: Sendable, Hashable {
    /// The largest UDP payload the sender can reassemble. 1232 avoids IP fragmentation on
    /// any path with an IPv6 minimum MTU (the DNS Flag Day 2020 value).
    public var udpPayloadSize: UInt16
    /// The upper 8 bits of the 12-bit RCODE.
    public var extendedRcode: UInt8
    public var version: UInt8
    /// DO: the sender wants DNSSEC records (RFC 3225).
    public var dnssecOK: Bool
    public var options: [EDNSOption]

    public static let defaultUDPPayloadSize: UInt16 = 1232

    public init(udpPayloadSize: UInt16 = EDNS.defaultUDPPayloadSize, extendedRcode: UInt8 = 0,
                version: UInt8 = 0, dnssecOK: Bool = false, options: [EDNSOption] = []) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedRcode = extendedRcode
        self.version = version
        self.dnssecOK = dnssecOK
        self.options = options
    }
}

/// One `{OPTION-CODE, OPTION-DATA}` pair of an OPT record (RFC 6891 §6.1.2).
public struct EDNSOption: Sendable, Hashable {
    public var code: UInt16
    public var data: [UInt8]

    public init(code: UInt16, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}
