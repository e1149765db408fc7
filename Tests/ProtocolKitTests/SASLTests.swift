import Foundation
import Testing
@testable import ProtocolKit

@Suite struct SASLTests {
    @Test func plainDecodesAllThreeFields() throws {
        let encoded = Data("admin\u{0}john\u{0}s3cret".utf8).base64EncodedString()
        let c = try SASLPlainCredentials.decode(base64: encoded)
        #expect(c == SASLPlainCredentials(authorizationID: "admin", authenticationID: "john", password: "s3cret"))
        #expect(try SASLPlainCredentials.decode(base64: c.base64) == c)
    }

    @Test func plainRefusesMalformedInput() {
        #expect(throws: SASLError.invalidBase64) { try SASLPlainCredentials.decode(base64: "not base64!") }
        let twoFields = Data("john\u{0}pw".utf8).base64EncodedString()
        #expect(throws: SASLError.self) { try SASLPlainCredentials.decode(base64: twoFields) }
        let emptyPassword = Data("\u{0}john\u{0}".utf8).base64EncodedString()
        #expect(throws: SASLError.self) { try SASLPlainCredentials.decode(base64: emptyPassword) }
        let tooLong = Data(("\u{0}" + String(repeating: "a", count: 256) + "\u{0}pw").utf8).base64EncodedString()
        #expect(throws: SASLError.self) { try SASLPlainCredentials.decode(base64: tooLong) }
    }

    @Test func loginAsksUserThenPassword() throws {
        var exchange = SASLLoginExchange()
        #expect(try exchange.start(initialResponse: nil) == .challenge(SASLLoginExchange.usernameChallenge))
        #expect(try exchange.receive(Data("john".utf8).base64EncodedString()) == .challenge(SASLLoginExchange.passwordChallenge))
        let done = try exchange.receive(Data("pw".utf8).base64EncodedString())
        #expect(done == .done(SASLPlainCredentials(authorizationID: "", authenticationID: "john", password: "pw")))
        #expect(SASLLoginExchange.usernameChallenge == "VXNlcm5hbWU6")
    }

    @Test func loginWithInitialResponseSkipsUserChallenge() throws {
        var exchange = SASLLoginExchange()
        #expect(try exchange.start(initialResponse: Data("john".utf8).base64EncodedString()) == .challenge(SASLLoginExchange.passwordChallenge))
    }

    @Test func loginCancelledWithStar() throws {
        var exchange = SASLLoginExchange()
        _ = try exchange.start(initialResponse: nil)
        #expect(throws: SASLError.cancelled) { try exchange.receive("*") }
    }
}
