import Testing
@testable import MailCore

@Suite("SASL PLAIN message (RFC 4616)")
struct SASLPlainMessageTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func parsesAllThreeFieldsAndRoundTrips() throws {
        let message = try SASLPlainMessage(parsing: Self.bytes("admin\u{0}john\u{0}s3cret"))
        #expect(message == SASLPlainMessage(authorizationID: "admin", authenticationID: "john", password: "s3cret"))
        #expect(try SASLPlainMessage(parsing: message.encoded) == message)
    }

    @Test func anEmptyAuthorizationIdentityIsNone() throws {
        let message = try SASLPlainMessage(parsing: Self.bytes("\u{0}john\u{0}pw"))
        #expect(message.authorizationID == nil && message.authenticationID == "john" && message.password == "pw")
    }

    @Test func aPasswordMayHoldAnythingButNUL() throws {
        #expect(try SASLPlainMessage(parsing: Self.bytes("\u{0}john\u{0}pä ss:wörd")).password == "pä ss:wörd")
        #expect(throws: SASLPlainMessage.ParseError.malformed) { try SASLPlainMessage(parsing: Self.bytes("\u{0}john\u{0}p\u{0}w")) }
    }

    @Test(arguments: ["john\u{0}pw", "\u{0}\u{0}pw", "\u{0}john\u{0}", "", "john"])
    func malformedMessagesAreRefused(text: String) {
        #expect(throws: SASLPlainMessage.ParseError.malformed) { try SASLPlainMessage(parsing: Self.bytes(text)) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: SASLPlainMessage.ParseError.notUTF8) { try SASLPlainMessage(parsing: [0, 0x6A, 0, 0xFF, 0xFE]) }
    }
}
