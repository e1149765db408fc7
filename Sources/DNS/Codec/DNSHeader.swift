/// The fixed 12-byte message header (RFC 1035 §4.1.1), with the AD and CD bits of
/// RFC 4035 §3.2. The section counts are not stored: they follow from the sections.
public struct DNSHeader: Sendable, Hashable {
    public var id: UInt16
    /// QR: true in responses.
    public var isResponse: Bool
    public var opcode: DNSOpcode
    public var authoritativeAnswer: Bool
    /// TC: the UDP answer did not fit; ask again over TCP (RFC 7766 §5).
    public var truncated: Bool
    public var recursionDesired: Bool
    public var recursionAvailable: Bool
    /// AD: the (trusted) resolver validated the answer with DNSSEC (RFC 4035 §3.2.3).
    public var authenticData: Bool
    public var checkingDisabled: Bool
    /// The low four bits of the RCODE; `DNSMessage.responseCode` adds the EDNS0 upper bits.
    public var rcodeLow: UInt8

    public init(id: UInt16, isResponse: Bool = false, opcode: DNSOpcode = .query,
                authoritativeAnswer: Bool = false, truncated: Bool = false,
                recursionDesired: Bool = true, recursionAvailable: Bool = false,
                authenticData: Bool = false, checkingDisabled: Bool = false, rcodeLow: UInt8 = 0) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.authoritativeAnswer = authoritativeAnswer
        self.truncated = truncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.rcodeLow = rcodeLow & 0x0F
    }

    /// The 16 flag bits after the ID.
    var flags: UInt16 {
        var value: UInt16 = 0
        if isResponse { value |= 0x8000 }
        value |= UInt16(opcode.rawValue & 0x0F) << 11
        if authoritativeAnswer { value |= 0x0400 }
        if truncated { value |= 0x0200 }
        if recursionDesired { value |= 0x0100 }
        if recursionAvailable { value |= 0x0080 }
        if authenticData { value |= 0x0020 }
        if checkingDisabled { value |= 0x0010 }
        value |= UInt16(rcodeLow & 0x0F)
        return value
    }

    init(id: UInt16, flags: UInt16) {
        self.init(id: id,
                  isResponse: flags & 0x8000 != 0,
                  opcode: DNSOpcode(rawValue: UInt8(truncatingIfNeeded: flags >> 11)),
                  authoritativeAnswer: flags & 0x0400 != 0,
                  truncated: flags & 0x0200 != 0,
                  recursionDesired: flags & 0x0100 != 0,
                  recursionAvailable: flags & 0x0080 != 0,
                  authenticData: flags & 0x0020 != 0,
                  checkingDisabled: flags & 0x0010 != 0,
                  rcodeLow: UInt8(truncatingIfNeeded: flags & 0x000F))
    }
}
