import Testing
import MailCore
@testable import ProtocolCore

@Suite struct SASLResponseTests {
    @Test func strictBase64AndTheEmptyInitialResponse() throws {
        #expect(try SASLResponse.decode(Array("=".utf8), isInitialResponse: true) == [])
        #expect(throws: SASLFailure.invalidBase64) { try SASLResponse.decode(Array("=".utf8), isInitialResponse: false) }
        #expect(throws: SASLFailure.invalidBase64) { try SASLResponse.decode(Array("AG!h".utf8), isInitialResponse: true) }
        #expect(try SASLResponse.decode(Array("YWxpY2U=".utf8), isInitialResponse: false) == Array("alice".utf8))
    }

    @Test func plainMessagesAndLoginText() throws {
        let plain = try SASLResponse.parsePlain(Array("\0alice\0secret".utf8))
        #expect(plain.authenticationID == "alice")
        #expect(plain.password == "secret")
        #expect(throws: SASLFailure.malformedPlain) { try SASLResponse.parsePlain(Array("alice".utf8)) }
        #expect(throws: SASLFailure.notUTF8) { try SASLResponse.utf8([0xFF]) }
    }

    @Test func credentialsNeverPrintThePassword() {
        let credentials = LoginCredentials(mechanism: "PLAIN", authorizationIdentity: "bob", username: "alice", password: "hunter2")
        #expect("\(credentials)" == "PLAIN alice as bob (password hidden)")
        #expect(!String(reflecting: credentials).contains("hunter2"))
    }
}
