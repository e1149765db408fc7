import Testing
@testable import DNS

@Suite struct MessageCodecTests {
    /// An MX answer for example.com written by hand, names compressed against the question.
    static let mxResponse = hexBytes("""
        beef 8180 0001 0002 0000 0000
        07 6578616d706c65 03 636f6d 00  000f 0001
        c00c 000f 0001 00000e10 0008  000a 03 6d7831 c00c
        c00c 000f 0001 00000e10 0008  0014 03 6d7832 c00c
        """)

    @Test func decodesHandBuiltMXResponse() throws {
        let message = try DNSMessage(decoding: Self.mxResponse)
        #expect(message.header.id == 0xBEEF)
        #expect(message.header.isResponse && message.header.recursionDesired && message.header.recursionAvailable)
        #expect(!message.header.truncated && !message.header.authenticData)
        #expect(message.responseCode == .noError)
        #expect(message.questions == [DNSQuestion(name: "example.com", type: .mx)])
        #expect(message.answers.map(\.data) == [
            .mx(MXRecord(preference: 10, exchange: "mx1.example.com")),
            .mx(MXRecord(preference: 20, exchange: "mx2.example.com")),
        ])
        #expect(message.answers.allSatisfy { $0.ttl == 3600 && $0.name == "example.com" })
    }

    @Test func encoderCompressesNamesLikeTheHandBuiltPacket() throws {
        let message = try DNSMessage(decoding: Self.mxResponse)
        #expect(try message.encoded() == Self.mxResponse)
    }

    @Test func queryCarriesEDNSWith1232AndTheADBit() throws {
        let query = DNSMessage.query(id: 0x1234, name: "Example.com", type: .aaaa)
        let bytes = try query.encoded()
        #expect(bytes == hexBytes("""
            1234 0120 0001 0000 0000 0001
            07 4578616d706c65 03 636f6d 00 001c 0001
            00 0029 04d0 00000000 0000
            """))
        let decoded = try DNSMessage(decoding: bytes)
        #expect(decoded.edns == EDNS(udpPayloadSize: 1232))
        #expect(decoded.additionals.isEmpty)
        #expect(decoded.header.authenticData && decoded.header.recursionDesired && !decoded.header.isResponse)
        #expect(DNSMessage.query(id: 1, name: "a.test", type: .a, udpPayloadSize: nil).edns == nil)
    }

    @Test func roundTripsEveryRecordType() throws {
        let name: DNSName = "host.example.test"
        let records: [RecordData] = [
            .a(IPv4Address("192.0.2.7")!),
            .aaaa(IPv6Address("2001:db8::7")!),
            .mx(MXRecord(preference: 5, exchange: "mx.example.test")),
            .txt(TXTRecord(strings: [Array("v=spf1 -all".utf8), [], Array(repeating: 0x41, count: 255)])),
            .ptr("ptr.example.test"),
            .cname("alias.example.test"),
            .ns("ns1.example.test"),
            .soa(SOARecord(primaryNameserver: "ns1.example.test", responsibleMailbox: "hostmaster.example.test",
                           serial: 2024010101, refresh: 7200, retry: 900, expire: 1_209_600, minimum: 300)),
            .tlsa(TLSARecord(certificateUsage: 3, selector: 1, matchingType: 1, associationData: Array(0..<32))),
            .unknown(DNSRecordType(rawValue: 65_400), [1, 2, 3, 0xC0, 0x0C]),
        ]
        var message = DNSMessage(header: DNSHeader(id: 7, isResponse: true, authoritativeAnswer: true,
                                                   truncated: true, recursionDesired: false, recursionAvailable: true,
                                                   authenticData: true, checkingDisabled: true),
                                 questions: [DNSQuestion(name: name, type: .any)],
                                 answers: records.map { record(name, $0, ttl: 60) },
                                 authorities: [soa("example.test")],
                                 additionals: [record("ns1.example.test", .a(IPv4Address("192.0.2.53")!))],
                                 edns: EDNS(udpPayloadSize: 4096, version: 0, dnssecOK: true,
                                            options: [EDNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8])]))
        message.responseCode = .badVersion
        let decoded = try DNSMessage(decoding: try message.encoded())
        #expect(decoded == message)
        #expect(decoded.responseCode == .badVersion)
        #expect(decoded.edns?.extendedRcode == 1)
        #expect(decoded.header.rcodeLow == 0)
    }

    @Test func txtKeepsStringsAndTheirConcatenation() throws {
        let key = "v=DKIM1; k=rsa; p=" + String(repeating: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", count: 12)
        let txt = TXTRecord(text: key)
        #expect(txt.strings.count == 2)
        #expect(txt.strings[0].count == 255)
        #expect(txt.text == key)
        let message = DNSMessage(header: DNSHeader(id: 1, isResponse: true),
                                 answers: [record("sel._domainkey.example.test", .txt(txt))])
        let decoded = try DNSMessage(decoding: try message.encoded())
        guard case .txt(let back) = decoded.answers.first?.data else {
            Issue.record("no TXT")
            return
        }
        #expect(back.stringValues.count == 2)
        #expect(back.stringValues.joined() == key)
        #expect(back.text == key)
        #expect(RecordData.txt(TXTRecord(strings: [Array("a \"b\"".utf8), [0x01]])).description == #""a \"b\"" "\001""#)
    }

    @Test func compressionIsCaseInsensitiveAndPointsBackwards() throws {
        let message = DNSMessage(header: DNSHeader(id: 1, isResponse: true),
                                 questions: [DNSQuestion(name: "Example.TEST", type: .ns)],
                                 answers: [record("example.test", .ns("ns1.EXAMPLE.test")),
                                           record("example.test", .ns("ns2.example.test"))])
        let bytes = try message.encoded()
        // Question name at 12 (14 bytes); both owners and both NS targets point back to it.
        #expect(bytes.count == 12 + 14 + 4 + 2 * (2 + 10 + 6))
        let decoded = try DNSMessage(decoding: bytes)
        #expect(decoded.answers.map(\.data) == [.ns("ns1.example.test"), .ns("ns2.example.test")])
        // The original spelling of the first occurrence is what a pointer yields.
        #expect(decoded.answers[0].name.description == "Example.TEST.")
    }

    @Test func highBitTTLCountsAsZero() throws {
        var bytes = Self.mxResponse
        bytes[12 + 17 + 6] = 0x80  // first answer's TTL: 0x80000e10
        let message = try DNSMessage(decoding: bytes)
        #expect(message.answers[0].ttl == 0)
        #expect(message.answers[1].ttl == 3600)
    }

    @Test func truncatedResponseKeepsWhatArrived() throws {
        // TC set, two answers announced, the second cut short.
        var bytes = Self.mxResponse
        bytes[2] = 0x83  // QR, RD, TC
        bytes.removeLast(5)
        let message = try DNSMessage(decoding: bytes)
        #expect(message.header.truncated)
        #expect(message.answers.count == 1)
        #expect(message.questions.count == 1)
        // Without TC the same bytes are an error.
        bytes[2] = 0x81
        #expect(throws: DNSDecodingError.self) { try DNSMessage(decoding: bytes) }
    }

    @Test func encodingRefusesOverlongCharacterStrings() {
        let message = DNSMessage(header: DNSHeader(id: 1),
                                 answers: [record("a.test", .txt(TXTRecord(strings: [Array(repeating: 0, count: 256)])))])
        #expect(throws: DNSEncodingError.characterStringTooLong(256)) { try message.encoded() }
    }
}
