import Testing
@testable import DNS
import MailCore

/// Every kind of broken packet ends in a `DNSDecodingError`, never a trap.
@Suite struct MalformedMessageTests {
    static let header1Question = "0001 0100 0001 0000 0000 0000"
    static let responseHeader1Answer = "0001 8180 0000 0001 0000 0000"

    private func decodingError(_ hex: String) -> DNSDecodingError? {
        do {
            _ = try DNSMessage(decoding: hexBytes(hex))
            return nil
        } catch {
            return error
        }
    }

    @Test func shortHeaders() {
        #expect(decodingError("") == .truncated(offset: 0))
        #expect(decodingError("0001 0100 0001 0000 0000") == .truncated(offset: 10))
    }

    @Test func sectionsShorterThanTheirCounts() {
        #expect(decodingError(Self.header1Question) == .truncated(offset: 12))
        #expect(decodingError(Self.header1Question + "01 61 00 0001") == .truncated(offset: 17))
        #expect(decodingError("0001 8180 0000 0002 0000 0000  01 61 00 0001 0001 00000000 0004 01020304") == .truncated(offset: 29))
    }

    @Test func labelRunningPastTheEnd() {
        #expect(decodingError(Self.header1Question + "05 616263") == .truncated(offset: 12))
    }

    @Test func compressionPointersMustPointBackwards() {
        // A pointer to itself, to a later offset, and one into the middle of a pointer run.
        #expect(decodingError(Self.header1Question + "c00c 0001 0001") == .invalidCompressionPointer(offset: 12))
        #expect(decodingError(Self.header1Question + "01 61 c0 0c 0001 0001") == .invalidCompressionPointer(offset: 14))
        #expect(decodingError(Self.header1Question + "c0 10 0001 0001 01 61 00") == .invalidCompressionPointer(offset: 12))
        // A pointer cut in half.
        #expect(decodingError(Self.header1Question + "c0") == .truncated(offset: 12))
    }

    @Test func pointerChainsCannotLoop() {
        // Name A at 12 ends with a pointer to 17 (name B) and B points back to 12: the
        // second jump is not before B's start, so it is refused instead of looping.
        let hex = "0001 0100 0002 0000 0000 0000  01 61 c0 11 00  01 62 c0 0c"
        #expect(decodingError(hex) != nil)
    }

    @Test func reservedLabelTypes() {
        #expect(decodingError(Self.header1Question + "41 00 0001 0001") == .unsupportedLabelType(offset: 12))
        #expect(decodingError(Self.header1Question + "80 00 0001 0001") == .unsupportedLabelType(offset: 12))
    }

    @Test func namesLongerThan255OctetsThroughPointers() {
        let a = "3f" + String(repeating: "61", count: 63) + "00"  // 65 bytes at 12
        let b = "3f" + String(repeating: "62", count: 63) + "c00c"  // 66 bytes at 77 + 4
        let c = "3f" + String(repeating: "63", count: 63) + "c051"  // points at b (offset 81)
        let d = "3f" + String(repeating: "64", count: 63) + "c097"  // points at c (offset 151)
        let hex = "0001 0100 0004 0000 0000 0000 " + a + "00010001" + b + "00010001" + c + "00010001" + d + "00010001"
        guard case .nameTooLong = decodingError(hex) else {
            Issue.record("expected nameTooLong")
            return
        }
        // The first three names are fine on their own (the longest is 193 octets).
        let three = "0001 0100 0003 0000 0000 0000 " + a + "00010001" + b + "00010001" + c + "00010001"
        #expect(decodingError(three) == nil)
    }

    @Test func recordDataLengthMustMatchTheType() {
        // A with 5 bytes, AAAA with 4, MX with a byte too many, SOA cut short.
        #expect(decodingError(Self.responseHeader1Answer + "00 0001 0001 00000000 0005 0102030405")
                == .invalidRecordData(type: .a, offset: 23))
        #expect(decodingError(Self.responseHeader1Answer + "00 001c 0001 00000000 0004 01020304")
                == .invalidRecordData(type: .aaaa, offset: 23))
        #expect(decodingError(Self.responseHeader1Answer + "00 000f 0001 00000000 0004 0001 00 ff")
                == .invalidRecordData(type: .mx, offset: 23))
        #expect(decodingError(Self.responseHeader1Answer + "00 0006 0001 00000000 0003 00 00 00") != nil)
        // A TXT character-string longer than the RDATA.
        #expect(decodingError(Self.responseHeader1Answer + "00 0010 0001 00000000 0003 05 6162") != nil)
        // RDLENGTH past the end of the message.
        #expect(decodingError(Self.responseHeader1Answer + "00 0001 0001 00000000 0010 01020304") == .truncated(offset: 23))
    }

    @Test func namesInRecordDataStayInsideIt() {
        // A CNAME whose RDLENGTH (2) ends inside its target's label.
        #expect(decodingError(Self.responseHeader1Answer + "00 0005 0001 00000000 0002 03 616263 00") != nil)
        // A pointer in RDATA to a later offset.
        #expect(decodingError(Self.responseHeader1Answer + "00 0005 0001 00000000 0002 c0 30")
                == .invalidCompressionPointer(offset: 23))
    }

    @Test func optRecordRules() {
        let opt = "00 0029 04d0 00000000 0000"
        #expect(decodingError("0001 8180 0000 0000 0000 0002 " + opt + opt) == .invalidOPTRecord(offset: 23))
        #expect(decodingError("0001 8180 0000 0000 0000 0001 01 61 00 0029 04d0 00000000 0000") == .invalidOPTRecord(offset: 12))
        // An option whose length runs past the OPT RDATA.
        #expect(decodingError("0001 8180 0000 0000 0000 0001 00 0029 04d0 00000000 0005 000a 0009 01")
                == .invalidOPTRecord(offset: 12))
    }

    @Test func trailingBytesAndOversizedInput() {
        #expect(decodingError("0001 8180 0000 0000 0000 0000 ff") == .trailingBytes(offset: 12))
        #expect(throws: DNSDecodingError.messageTooLarge(65_536)) {
            try DNSMessage(decoding: [UInt8](repeating: 0, count: 65_536))
        }
    }

    /// Mutated real packets: decoding never traps, and what decodes re-encodes to an
    /// equal message whose names print and parse back unchanged.
    @Test func randomMutationsNeverCrash() throws {
        let query = try DNSMessage.query(id: 9, name: "_25._tcp.mx.example.test", type: .tlsa).encoded()
        let full = try DNSMessage(header: DNSHeader(id: 3, isResponse: true),
                                  questions: [DNSQuestion(name: "example.test", type: .mx)],
                                  answers: [record("example.test", .mx(MXRecord(preference: 1, exchange: "mx.example.test"))),
                                            record("example.test", .txt(TXTRecord(text: "hello"))),
                                            record("mx.example.test", .soa(SOARecord(primaryNameserver: "ns.example.test",
                                                responsibleMailbox: "h.example.test", serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5)))],
                                  additionals: [record("mx.example.test", .aaaa(IPv6Address("::1")!))],
                                  edns: EDNS()).encoded()
        let seeds = [query, full, MessageCodecTests.mxResponse]
        var generator = SeededGenerator(seed: 0xD15EA5E)
        var decodedCount = 0
        for iteration in 0..<40_000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<max(1, bytes.count), using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0 where !bytes.isEmpty: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1 where !bytes.isEmpty: bytes[index] ^= 0xC0
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: min(index, bytes.count))
                case 3 where !bytes.isEmpty: bytes.remove(at: index)
                default: bytes = Array(bytes.prefix(index))
                }
            }
            guard let message = try? DNSMessage(decoding: bytes) else { continue }
            decodedCount += 1
            for record in message.answers + message.authorities + message.additionals {
                #expect(DNSName(record.name.description)?.labels == record.name.labels)
                _ = record.description
            }
            if let again = try? message.encoded() {
                #expect(try DNSMessage(decoding: again) == message)
            }
        }
        #expect(decodedCount > 1000)
    }
}
