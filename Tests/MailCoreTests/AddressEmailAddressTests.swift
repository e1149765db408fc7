import Testing
import MailCore

/// The error message of `EmailAddress.parse`, or nil when it parses.
private func errorMessage(_ text: String, limits: EmailAddress.LengthLimits = .rfc5321) -> String? {
    do {
        _ = try EmailAddress.parse(text, limits: limits)
        return nil
    } catch {
        return error.message
    }
}

@Suite("EmailAddress: RFC 5321 Mailbox")
struct AddressEmailAddressTests {
    // MARK: Valid forms

    @Test("Dot-string local parts", arguments: [
        ("user@example.com", "user", "example.com"),
        ("first.last@example.com", "first.last", "example.com"),
        ("a@b", "a", "b"),
        ("x!#$%&'*+-/=?^_`{|}~y@example.com", "x!#$%&'*+-/=?^_`{|}~y", "example.com"),
        ("User@Example.COM", "User", "Example.COM"),
        ("postmaster@localhost", "postmaster", "localhost"),
        ("a@1.2.3.4", "a", "1.2.3.4"),
        ("a@x-y.z0", "a", "x-y.z0"),
    ])
    func dotString(text: String, local: String, domain: String) throws {
        let address = try EmailAddress.parse(text)
        #expect(address.localPart == local)
        #expect(address.domain == domain)
        #expect(address.description == text)
        #expect(!address.isAddressLiteral)
    }

    @Test("Quoted local parts are stored unquoted")
    func quotedLocalPart() throws {
        let a = try EmailAddress.parse(#""john doe"@example.com"#)
        #expect(a.localPart == "john doe")
        #expect(a.description == #""john doe"@example.com"#)

        let b = try EmailAddress.parse(#""a\"b\\c"@example.com"#)
        #expect(b.localPart == #"a"b\c"#)
        #expect(b.description == #""a\"b\\c"@example.com"#)

        // RFC 5321 §4.1.2: "Joe\,Smith" is the nine characters Joe,Smith.
        let c = try EmailAddress.parse(#""Joe\,Smith"@example.com"#)
        #expect(c.localPart == "Joe,Smith")
        #expect(c.localPart.count == 9)
    }

    @Test("Unneeded quotes are dropped by description (minimum quoting)")
    func minimumQuoting() throws {
        let a = try EmailAddress.parse(#""user"@example.com"#)
        #expect(a.localPart == "user")
        #expect(a.description == "user@example.com")
        let b = try EmailAddress.parse(#""a.b"@example.com"#)
        #expect(b.description == "a.b@example.com")
        let c = try EmailAddress.parse(#""\u\s\e\r"@example.com"#)
        #expect(c.localPart == "user")
    }

    @Test("Local parts that are not Dot-strings are re-quoted", arguments: [
        "a..b", ".a", "a.", "a b", "a@b", "a,b", "a(b)", "a<b>", "a[b]", "a:b", "a;b", "a\"b", "a\\b",
    ])
    func requoting(local: String) throws {
        let address = EmailAddress(localPart: local, domain: "example.com")
        #expect(address.description.hasPrefix("\""))
        let reparsed = try EmailAddress.parse(address.description)
        #expect(reparsed == address)
    }

    @Test("parse(description) round-trips", arguments: [
        "user@example.com", #""a b"@example.com"#, #""\"\\"@example.com"#, "a@[192.0.2.1]",
        "a@[IPv6:2001:db8::1]", "bücher@bücher.example", #""x y"@例え.jp"#, "a.b.c@d-e.f",
        #""@"@example.com"#, "user%remote@example.com",
    ])
    func roundTrip(text: String) throws {
        let address = try EmailAddress.parse(text)
        #expect(try EmailAddress.parse(address.description) == address)
    }

    @Test("SMTPUTF8: UTF-8 local parts and U-label domains (RFC 6531)")
    func utf8() throws {
        let a = try EmailAddress.parse("用户@例子.广告")
        #expect(a.localPart == "用户")
        #expect(a.domain == "例子.广告")
        #expect(!a.isASCII)
        #expect(a.requiresSMTPUTF8)

        let b = try EmailAddress.parse("user@bücher.example")
        #expect(!b.isASCII)
        #expect(!b.requiresSMTPUTF8)  // the domain can travel as an A-label
        #expect(b.asciiDomain == "xn--bcher-kva.example")

        let c = try EmailAddress.parse("user@example.com")
        #expect(c.isASCII)
        #expect(!c.requiresSMTPUTF8)

        let d = try EmailAddress.parse(#""jörg müller"@example.com"#)
        #expect(d.localPart == "jörg müller")
        #expect(d.requiresSMTPUTF8)
    }

    // MARK: Errors

    @Test("Error messages say what is wrong", arguments: [
        ("", "the address is empty"),
        ("user", "the address has no \"@\" followed by a domain"),
        ("@example.com", "the local part (before \"@\") is empty"),
        ("user@", "the domain (after \"@\") is empty"),
        (".user@example.com", "the local part must not start with a dot"),
        ("user.@example.com", "the local part must not end with a dot"),
        ("us..er@example.com", "the local part must not contain two dots in a row"),
        ("john doe@example.com", "a space is not allowed in the local part unless it is quoted, as in \"john doe\"@example.com"),
        (" user@example.com", "the address must not start with a space"),
        ("<user@example.com>", "the address must be given without angle brackets, as in user@example.com"),
        ("a(b)@example.com", "character '(' is not allowed in the local part unless it is quoted"),
        ("a\"b\"@example.com", "a double quote may only enclose the whole local part, as in \"john doe\"@example.com"),
        ("\"unterminated@example.com", "the quoted local part has no closing double quote"),
        ("\"\"@example.com", "the local part is empty (\"\")"),
        ("\"a\"b@example.com", "expected \"@\" after the quoted local part, found character 'b'"),
        ("\"a\tb\"@example.com", "control character U+0009 is not allowed in a quoted local part"),
        ("\"a\\\u{7}\"@example.com", "a backslash in a quoted local part must be followed by a printable ASCII character or a space"),
        ("a@b@example.com", "the address contains more than one \"@\"; quote the local part if it contains one"),
        ("user@exa_mple.com", "character '_' is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("user@example.com ", "a space is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("user@example.com\r\n", "control character U+000D is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("user@.example.com", "the domain must not start with a dot"),
        ("user@example.com.", "the domain must not end with a dot"),
        ("user@example..com", "the domain must not contain two dots in a row"),
        ("user@-example.com", "domain label \"-example\" must not start with a hyphen"),
        ("user@example-.com", "domain label \"example-\" must not end with a hyphen"),
        ("user@exa\u{301}mple.😀", "character U+1F600 is not allowed in a domain name (only letters, digits, hyphens and dots)"),
        ("user@[192.0.2.1", "the address literal has no closing \"]\""),
        ("user@[192.0.2.1]x", "character 'x' is not allowed after the address literal"),
        ("us\u{85}er@example.com", "control character U+0085 is not allowed in an address"),
    ])
    func errors(text: String, message: String) {
        #expect(errorMessage(text) == message)
    }

    @Test("Error messages are ASCII even for non-ASCII input")
    func asciiMessages() {
        for text in ["ü ber@example.com", "a@bü_cher", "a@\u{3000}", "a@-ü.com", "\"\u{0}\"@x"] {
            let message = errorMessage(text)
            #expect(message != nil)
            #expect(message?.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } == true, "\(message ?? "")")
        }
    }

    // MARK: Limits (RFC 5321 §4.5.3.1)

    @Test("Local part limit: 64 octets")
    func localPartLimit() {
        let ok = String(repeating: "a", count: 64) + "@example.com"
        let long = String(repeating: "a", count: 65) + "@example.com"
        #expect(errorMessage(ok) == nil)
        #expect(errorMessage(long) == "the local part is 65 octets long; the maximum is 64")
        // Octets, not characters: 33 × "é" is 66 octets.
        #expect(errorMessage(String(repeating: "é", count: 33) + "@example.com")
            == "the local part is 66 octets long; the maximum is 64")
        // Measured on the minimally quoted form: the quotes count when they are needed.
        #expect(errorMessage("\"" + String(repeating: "a", count: 63) + "\"@example.com") == nil)
        #expect(errorMessage("\"" + String(repeating: " ", count: 63) + "\"@example.com")
            == "the local part is 65 octets long; the maximum is 64")
        #expect(errorMessage(long, limits: .unlimited) == nil)
    }

    @Test("Domain limits: 255 octets, 63 per label")
    func domainLimits() {
        let label63 = String(repeating: "a", count: 63)
        #expect(errorMessage("u@" + label63 + ".com") == nil)
        #expect(errorMessage("u@" + label63 + "a.com")
            == "domain label \"aaaaaaaaaaaaaaaaaaaa...\" is 64 octets long; the maximum is 63")
        // 4 × 63 + 3 dots = 255 octets: fits the domain limit but the address is too long.
        let domain255 = Array(repeating: label63, count: 4).joined(separator: ".")
        #expect(errorMessage("u@" + domain255) == "the address is 257 octets long; the maximum is 254")
        #expect(errorMessage("u@" + domain255 + ".b") == "the domain is 257 octets long; the maximum is 255")
        #expect(errorMessage("u@" + domain255, limits: .unlimited) == nil)
        // U-labels are measured as A-labels.
        let longULabel = String(repeating: "ü", count: 60)
        #expect(errorMessage("u@" + longULabel + ".de")
            == "domain label \"" + String(repeating: "<U+00FC>", count: 20) + "...\" is longer than 63 octets once converted to an A-label (xn--...)")
    }

    @Test("Whole address limit: 254 octets (a 256-octet path with < and >)")
    func pathLimit() {
        let local = String(repeating: "a", count: 64)
        let label = String(repeating: "b", count: 60)
        // 64 + 1 + (3 × 60 + 6 + 3 dots) = 254
        let domain = [label, label, label, "123456"].joined(separator: ".")
        #expect(errorMessage(local + "@" + domain) == nil)
        #expect(errorMessage(local + "@" + domain + "7") == "the address is 255 octets long; the maximum is 254")
    }

    // MARK: Domain forms

    @Test("normalizedDomain lowercases and converts U-labels to A-labels")
    func normalizedDomain() throws {
        #expect(try EmailAddress.parse("a@Example.COM").normalizedDomain == "example.com")
        #expect(try EmailAddress.parse("a@Bücher.Example").normalizedDomain == "xn--bcher-kva.example")
        #expect(try EmailAddress.parse("a@BÜCHER.example").normalizedDomain == "xn--bcher-kva.example")
        #expect(try EmailAddress.parse("a@例え.テスト").normalizedDomain == "xn--r8jz45g.xn--zckzah")
        #expect(try EmailAddress.parse("a@XN--BCHER-KVA.example").normalizedDomain == "xn--bcher-kva.example")
        // NFC: "u" + combining diaeresis is the same label as "ü".
        #expect(try EmailAddress.parse("a@bu\u{308}cher.example").normalizedDomain == "xn--bcher-kva.example")
        #expect(try EmailAddress.parse("a@[IPv6:2001:DB8:0:0:0:0:0:1]").normalizedDomain == "[IPv6:2001:db8::1]")
        #expect(try EmailAddress.parse("a@[192.000.002.001]").normalizedDomain == "[192.0.2.1]")
    }

    @Test("asciiDomain is nil for domains that cannot be host names")
    func asciiDomain() {
        #expect(EmailAddress(localPart: "a", domain: "exa mple.com").asciiDomain == nil)
        #expect(EmailAddress(localPart: "a", domain: "exa mple.com").normalizedDomain == "exa mple.com")
        #expect(EmailAddress(localPart: "a", domain: "a..b").asciiDomain == nil)
        #expect(EmailAddress(localPart: "a", domain: "[999.1.1.1]").asciiDomain == nil)
        #expect(EmailAddress(localPart: "a", domain: "Example.org").asciiDomain == "example.org")
    }

    @Test("unicodeDomain decodes A-labels for display")
    func unicodeDomain() {
        #expect(EmailAddress(localPart: "a", domain: "xn--bcher-kva.example").unicodeDomain == "bücher.example")
        #expect(EmailAddress(localPart: "a", domain: "xn--r8jz45g.xn--zckzah").unicodeDomain == "例え.テスト")
        #expect(EmailAddress(localPart: "a", domain: "xn--.example").unicodeDomain == "xn--.example")
        #expect(EmailAddress(localPart: "a", domain: "[1.2.3.4]").unicodeDomain == "[1.2.3.4]")
    }

    // MARK: Comparison

    @Test("canonicalKey: domain case-insensitive, local part as is, quoting irrelevant")
    func canonicalKey() throws {
        let a = try EmailAddress.parse("User@EXAMPLE.com")
        let b = try EmailAddress.parse("\"User\"@example.COM")
        #expect(a.canonicalKey == "User@example.com")
        #expect(a.canonicalKey == b.canonicalKey)
        #expect(a != b)  // `==` compares the stored text
        #expect(try EmailAddress.parse("user@example.com").canonicalKey != a.canonicalKey)
        #expect(try EmailAddress.parse("a@Bücher.example").canonicalKey
            == EmailAddress.parse("a@xn--bcher-kva.EXAMPLE").canonicalKey)
    }

    // MARK: Relay tricks

    @Test("hasRoutingCharacters catches the percent hack, bang paths and quoted @", arguments: [
        ("user%remote@local.example", true),
        ("remote!user@local.example", true),
        ("\"user@remote\"@local.example", true),
        ("\"user%remote\"@local.example", true),
        ("user@local.example", false),
        ("first.last+tag@local.example", false),
        ("\"john doe\"@local.example", false),
    ])
    func routingCharacters(text: String, expected: Bool) throws {
        #expect(try EmailAddress.parse(text).hasRoutingCharacters == expected)
    }
}
