import Testing
@testable import ManageSieveProtocol

@Suite("Session: AUTHENTICATE and UNAUTHENTICATE")
struct AuthenticateTests {
    static let plain = base64("\u{0}alice\u{0}secret")

    @Test func plainWithInitialResponse() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") == ["OK \"Logged in\""])
        #expect(client.credentialsSeen == [ManageSieveCredentials(mechanism: "PLAIN", username: "alice", password: "secret")])
        #expect(client.session.authenticatedUser == "alice")
        #expect(client.session.state == .authenticated)
        #expect(client.session.timeout == ManageSieveTimeout(kind: .authenticatedIdle, duration: .seconds(1800)))
    }

    @Test func plainWithContinuationAsQuotedOrLiteral() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("Authenticate \"plain\"") == ["\"\""])  // the empty challenge
        #expect(client.session.state == .authExchange)
        #expect(client.send("\"\(Self.plain)\"") == ["OK \"Logged in\""])

        var literal = TestClient()
        literal.connect(tls: true)
        literal.send("AUTHENTICATE \"PLAIN\"")
        #expect(literal.send("{\(Self.plain.utf8.count)+}\r\n\(Self.plain)") == ["OK \"Logged in\""])
    }

    @Test func proxyAuthorization() {
        var client = TestClient()
        client.connect(tls: true)
        client.send("AUTHENTICATE \"PLAIN\" \"\(base64("bob\u{0}alice\u{0}secret"))\"")
        #expect(client.credentialsSeen.first?.authorizationIdentity == "bob")
        #expect(client.session.authenticatedUser == "bob")  // the server decided
        #expect(client.credentialsSeen.first?.description == "PLAIN alice as bob (password hidden)")
    }

    @Test func cancelled() {
        var client = TestClient()
        client.connect(tls: true)
        client.send("AUTHENTICATE \"PLAIN\"")
        #expect(client.send("\"*\"") == ["NO \"Authentication cancelled\""])
        #expect(client.session.state == .nonAuthenticated)
        client.send("AUTHENTICATE \"PLAIN\"")
        #expect(client.send("{1+}\r\n*") == ["NO \"Authentication cancelled\""])
        client.send("AUTHENTICATE \"PLAIN\"")
        #expect(client.send("*") == ["NO \"Authentication cancelled\""])
        #expect(client.credentialsSeen.isEmpty)
    }

    @Test func badResponses() {
        var client = TestClient()
        client.connect(tls: true)
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"!!\"") == ["NO \"Cannot decode response: invalid base64\""])
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\"") == ["NO \"Cannot decode response: malformed PLAIN message\""])
        client.send("AUTHENTICATE \"PLAIN\"")
        #expect(client.send("NOOP") == ["NO \"Authentication response must be one string\""])
        client.send("AUTHENTICATE \"PLAIN\"")
        #expect(client.send("\"abc") == ["NO \"Syntax error: unterminated quoted string\""])
        #expect(client.send("AUTHENTICATE \"DIGEST-MD5\"") == ["NO \"Unsupported SASL mechanism\""])
        #expect(client.credentialsSeen.isEmpty)
        #expect(client.session.state == .nonAuthenticated)
    }

    @Test func plainNeedsTLS() {
        var client = TestClient()
        client.connect()
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") ==
                ["NO (ENCRYPT-NEEDED) \"Plaintext authentication requires TLS; use STARTTLS first\""])
        #expect(client.credentialsSeen.isEmpty)
    }

    @Test func failuresEndWithBye() {
        var client = TestClient()
        client.connect(tls: true)
        let wrong = "AUTHENTICATE \"PLAIN\" \"\(base64("\u{0}alice\u{0}nope"))\""
        #expect(client.send(wrong) == ["NO \"Authentication failed\""])
        #expect(client.send(wrong) == ["NO \"Authentication failed\""])
        #expect(client.raw(wrong + "\r\nNOOP\r\n") == ["BYE \"Too many failed authentication attempts\""])
        #expect(client.closed)
    }

    @Test func serverRejections() {
        var client = TestClient()
        client.authPolicy = { _ in .reject(.no("Directory unavailable", code: .tryLater)) }
        client.connect(tls: true)
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") == ["NO (TRYLATER) \"Directory unavailable\""])
        #expect(!client.closed)
        client.authPolicy = { _ in .reject(.bye("Go away")) }
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") == ["BYE \"Go away\""])
        #expect(client.closed)
    }

    @Test func noReauthentication() {
        var client = TestClient()
        client.login()
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") == ["NO \"Already authenticated\""])
        #expect(client.credentialsSeen.count == 1)
    }

    @Test func scriptCommandsNeedLogin() {
        var client = TestClient()
        client.connect(tls: true)
        for command in ["LISTSCRIPTS", "GETSCRIPT \"a\"", "PUTSCRIPT \"a\" \"keep;\"", "SETACTIVE \"\"",
                        "DELETESCRIPT \"a\"", "RENAMESCRIPT \"a\" \"b\"", "CHECKSCRIPT \"keep;\"",
                        "HAVESPACE \"a\" 10"] {
            #expect(client.send(command) == ["NO \"Authenticate first\""], "\(command)")
        }
        #expect(client.send("UNAUTHENTICATE") == ["NO \"Not authenticated\""])
        #expect(client.storeQuestions.isEmpty)
    }

    @Test func unauthenticateReturnsToTheStart() {
        var client = TestClient()
        client.login()
        #expect(client.send("UNAUTHENTICATE") == ["OK \"Unauthenticate completed\""])
        #expect(client.session.authenticatedUser == nil)
        #expect(client.session.isTLS)  // TLS stays (RFC 5804 §2.14.1)
        #expect(client.send("LISTSCRIPTS") == ["NO \"Authenticate first\""])
        #expect(client.send("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"") == ["OK \"Logged in\""])
    }

    @Test func loginWaitsForTheServerAndHoldsPipelinedCommands() {
        var client = TestClient()
        client.authPolicy = { _ in nil }
        client.connect(tls: true)
        #expect(client.raw("AUTHENTICATE \"PLAIN\" \"\(Self.plain)\"\r\nLISTSCRIPTS\r\n").isEmpty)
        #expect(client.session.state == .awaitingServer)
        #expect(client.session.timeout?.kind == .serverDecision)
        #expect(client.answer(.authenticationChecked(.success(user: "alice"))) == ["OK \"Logged in\"", "OK \"Listscripts completed\""])
    }
}
