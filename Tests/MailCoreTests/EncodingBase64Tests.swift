import Testing
@testable import MailCore

@Suite struct EncodingBase64Tests {
    private func decode(_ s: String) -> String { String(decoding: Base64Codec.decode(Array(s.utf8)), as: UTF8.self) }

    @Test func decodesStandardInput() {
        #expect(decode("SGVsbG8sIFdvcmxkIQ==") == "Hello, World!")
        #expect(decode("YWJj") == "abc")
    }

    @Test func ignoresLineBreaksAndCharactersOutsideTheAlphabet() {
        // RFC 2045 §6.8: characters outside the alphabet are ignored.
        #expect(decode("SGVs\r\nbG8s\nIFdv*cmxk!IQ==\r\n") == "Hello, World!")
    }

    @Test func toleratesMissingOrExtraPadding() {
        #expect(decode("SGVsbG8") == "Hello")
        #expect(decode("SGVsbA") == "Hell")
        #expect(decode("SGVsbA====") == "Hell")
    }

    @Test func decodesConcatenatedPaddedChunks() {
        #expect(decode("SGk=IHRoZXJl") == "Hi there")
    }

    @Test func dropsADanglingCharacter() {
        let r = Base64Codec.decodeCounting(Array("YWJjZ".utf8))
        #expect(r.bytes == Array("abc".utf8))
        #expect(r.danglingCount == 1)
    }

    @Test func encodesWithLinesOf76() {
        let data = (0..<200).map { UInt8($0 % 256) }
        let encoded = Base64Codec.encode(data)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(lines.last!.count <= 76)
        #expect(Base64Codec.decode(encoded) == data)
    }

    @Test func roundTripsEveryLengthModuloThree() {
        for n in 0..<10 {
            let data = (0..<n).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(Base64Codec.decode(Base64Codec.encode(data)) == data)
        }
        #expect(String(decoding: Base64Codec.encode(Array("ab".utf8)), as: UTF8.self) == "YWI=")
    }
}
