import Testing
import MailCore

private func reverseError(_ text: String) -> String? {
    do {
        _ = try SMTPPath.parseReversePath(text)
        return nil
    } catch {
        return error.message
    }
}

private func forwardError(_ text: String) -> String? {
    do {
        _ = try SMTPPath.parseForwardPath(text)
        return nil
    } catch {
        return error.message
    }
}

@Suite("SMTP paths (RFC 5321 §4.1.2)")
struct AddressSMTPPathTests {
    @Test("A plain reverse path and its parameters")
    func reversePath() throws {
        let (path, parameters) = try SMTPPath.parseReversePath("<user@example.com> SIZE=1000 BODY=8BITMIME")
        #expect(path.mailbox == EmailAddress(localPart: "user", domain: "example.com"))
        #expect(path.target == .mailbox(EmailAddress(localPart: "user", domain: "example.com")))
        #expect(path.sourceRoute.isEmpty)
        #expect(!path.isNull)
        #expect(parameters == "SIZE=1000 BODY=8BITMIME")
        #expect(path.description == "<user@example.com>")
    }

    @Test("No parameters gives an empty remainder")
    func noParameters() throws {
        #expect(try SMTPPath.parseForwardPath("<a@b>").parameters == "")
        #expect(try SMTPPath.parseForwardPath("<a@b>   ").parameters == "")
    }

    @Test("Null reverse path")
    func nullPath() throws {
        let (path, parameters) = try SMTPPath.parseReversePath("<> BODY=7BIT")
        #expect(path.isNull)
        #expect(path == .null)
        #expect(path.mailbox == nil)
        #expect(parameters == "BODY=7BIT")
        #expect(path.description == "<>")
        #expect(forwardError("<>") == "the null path <> is only allowed as a sender (MAIL FROM)")
    }

    @Test("Lenient about spaces after the colon")
    func leadingSpace() throws {
        #expect(try SMTPPath.parseReversePath(" <a@example.com>").path.mailbox?.localPart == "a")
        #expect(try SMTPPath.parseForwardPath("  <a@example.com>").path.mailbox?.localPart == "a")
        #expect(try SMTPPath.parseReversePath(" <>").path.isNull)
    }

    @Test("Source routes are accepted and reported")
    func sourceRoute() throws {
        let (path, parameters) = try SMTPPath.parseForwardPath("<@relay1.example,@relay2.example:user@example.com> NOTIFY=NEVER")
        #expect(path.sourceRoute == ["relay1.example", "relay2.example"])
        #expect(path.mailbox?.description == "user@example.com")
        #expect(parameters == "NOTIFY=NEVER")
        #expect(path.description == "<user@example.com>")  // SHOULD NOT be generated

        let single = try SMTPPath.parseReversePath("<@a.example:u@b.example>").path
        #expect(single.sourceRoute == ["a.example"])
        let literal = try SMTPPath.parseReversePath("<@[192.0.2.1]:u@b.example>").path
        #expect(literal.sourceRoute == ["[192.0.2.1]"])
    }

    @Test("Postmaster without a domain is a valid forward path only")
    func postmaster() throws {
        for text in ["<Postmaster>", "<postmaster>", "<POSTMASTER> NOTIFY=NEVER"] {
            let path = try SMTPPath.parseForwardPath(text).path
            #expect(path.isPostmaster)
            #expect(path.target == .postmaster)
            #expect(path.description == "<Postmaster>")
        }
        #expect(try SMTPPath.parseForwardPath("<Postmaster@example.com>").path.mailbox?.localPart == "Postmaster")
        #expect(reverseError("<Postmaster>") == "the address has no \"@\" followed by a domain")
    }

    @Test("Quoted local parts with > and spaces inside the brackets")
    func quoted() throws {
        let (path, parameters) = try SMTPPath.parseForwardPath(#"<"a> b"@example.com> X=1"#)
        #expect(path.mailbox?.localPart == "a> b")
        #expect(parameters == "X=1")
    }

    @Test("UTF-8 paths (SMTPUTF8)")
    func utf8() throws {
        let path = try SMTPPath.parseForwardPath("<用户@例子.广告> SMTPUTF8").path
        #expect(path.mailbox?.isASCII == false)
    }

    @Test("Errors", arguments: [
        ("", "the address is missing; expected <user@example.com>"),
        ("   ", "the address is missing; expected <user@example.com>"),
        ("user@example.com", "the address must be enclosed in angle brackets, as in <user@example.com>"),
        ("<user@example.com", "the address has no closing \">\""),
        ("<user@example.com>SIZE=10", "expected a space between \">\" and the parameters, found character 'S'"),
        ("<user@exa mple.com>", "a space is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("<user@example.com >", "a space is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("< user@example.com>", "a space is not allowed in the local part unless it is quoted, as in \"john doe\"@example.com"),
        ("<user>", "the address has no \"@\" followed by a domain"),
        ("<@relay.example user@example.com>", "a space is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("<@relay.example>", "the source route has no \":\" before the mailbox"),
        ("<@relay.example,relay2:u@example.com>", "each domain of a source route must start with \"@\", as in <@relay.example:user@example.com>"),
        ("<@:u@example.com>", "the domain (after \"@\") is empty"),
        ("<<user@example.com>>", "character '<' is not allowed in the local part unless it is quoted"),
        ("<user@[1.2.3.4]x>", "character 'x' is not allowed after the address literal"),
    ])
    func errors(text: String, message: String) {
        #expect(forwardError(text) == message)
    }

    @Test("Length limits apply to the mailbox inside the path")
    func limits() throws {
        let long = "<" + String(repeating: "a", count: 65) + "@example.com>"
        #expect(reverseError(long) == "the local part is 65 octets long; the maximum is 64")
        let relaxed = EmailAddress.LengthLimits(localPart: 200, domain: 255, path: 512)
        #expect(try SMTPPath.parseReversePath(long, limits: relaxed).path.mailbox?.localPart.count == 65)
    }

    @Test("Relay tricks are visible on the parsed mailbox")
    func relayTricks() throws {
        #expect(try SMTPPath.parseForwardPath("<user%remote@local.example>").path.mailbox?.hasRoutingCharacters == true)
        #expect(try SMTPPath.parseForwardPath(#"<"user@remote"@local.example>"#).path.mailbox?.hasRoutingCharacters == true)
        #expect(try SMTPPath.parseForwardPath("<remote!user@local.example>").path.mailbox?.hasRoutingCharacters == true)
    }
}
