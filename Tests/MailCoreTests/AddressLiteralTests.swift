import Testing
import MailCore

private func literalError(_ literal: String) -> String? {
    do {
        _ = try EmailAddress.parse("user@" + literal)
        return nil
    } catch {
        return error.message
    }
}

@Suite("Address literals (RFC 5321 §4.1.3)")
struct AddressLiteralTests {
    @Test("Valid literals keep their written form and are flagged", arguments: [
        "[192.0.2.1]", "[0.0.0.0]", "[255.255.255.255]", "[010.1.1.1]",
        "[IPv6:2001:db8::1]", "[IPv6:::]", "[IPv6:::1]", "[IPv6:1::]", "[ipv6:2001:DB8::1]",
        "[IPv6:2001:db8:0:0:0:0:0:1]", "[IPv6:1:2:3:4:5:6:7::]", "[IPv6:::2:3:4:5:6:7:8]",
        "[IPv6:::ffff:192.0.2.1]", "[IPv6:1:2:3:4:5:6:192.0.2.1]", "[IPv6:1::192.0.2.1]",
        "[x-tag:some-content]", "[tag:a:b:c]",
    ])
    func valid(literal: String) throws {
        let address = try EmailAddress.parse("user@" + literal)
        #expect(address.domain == literal)
        #expect(address.isAddressLiteral)
        #expect(address.isASCII)
    }

    @Test("Invalid literals say why", arguments: [
        ("[]", "the address literal [] is empty"),
        ("[1.2.3]", "the IPv4 address literal \"[1.2.3]\" must have four numbers separated by dots"),
        ("[1.2.3.4.5]", "the IPv4 address literal \"[1.2.3.4.5]\" must have four numbers separated by dots"),
        ("[1.2.3.256]", "the IPv4 address literal \"[1.2.3.256]\" contains 256, which is greater than 255"),
        ("[1.2..4]", "the IPv4 address literal \"[1.2..4]\" must have four numbers of 1 to 3 digits"),
        ("[1.2.3.0001]", "the IPv4 address literal \"[1.2.3.0001]\" must have four numbers of 1 to 3 digits"),
        ("[example.com]", "the address literal \"[example.com]\" is neither an IPv4 address nor a tagged literal such as [IPv6:2001:db8::1]"),
        ("[IPv6:1:2:3:4:5:6:7]", "the IPv6 address literal \"[IPv6:1:2:3:4:5:6:7]\" is invalid: it has 7 groups of the 8 required (or use \"::\")"),
        ("[IPv6:1:2:3:4:5:6:7:8:9]", "the IPv6 address literal \"[IPv6:1:2:3:4:5:6:7:8:9]\" is invalid: it has 9 groups of the 8 required (or use \"::\")"),
        ("[IPv6:1::2::3]", "the IPv6 address literal \"[IPv6:1::2::3]\" is invalid: \"::\" may appear only once"),
        ("[IPv6:12345::1]", "the IPv6 address literal \"[IPv6:12345::1]\" is invalid: \"12345\" is not a group of 1 to 4 hex digits"),
        ("[IPv6:g::1]", "the IPv6 address literal \"[IPv6:g::1]\" is invalid: \"g\" is not a group of 1 to 4 hex digits"),
        ("[IPv6:1:2:3:4:5:6:7::8]", "the IPv6 address literal \"[IPv6:1:2:3:4:5:6:7::8]\" is invalid: too many groups around \"::\""),
        ("[IPv6:1.2.3.4::1]", "the IPv6 address literal \"[IPv6:1.2.3.4::1]\" is invalid: an IPv4 part may only come last"),
        ("[IPv6::1:2]", "the IPv6 address literal \"[IPv6::1:2]\" is invalid: it has an empty group"),
        ("[IPv6:]", "the IPv6 address literal \"[IPv6:]\" is invalid: the address is missing"),
        ("[IPv6:1:2:3:4:5:6:7:1.2.3.4]", "the IPv6 address literal \"[IPv6:1:2:3:4:5:6:7:1.2.3.4]\" is invalid: it has 9 groups of the 8 required (or use \"::\")"),
        ("[IPv6:::1.2.3.999]", "the IPv4 address literal \"[IPv6:::1.2.3.999]\" contains 999, which is greater than 255"),
        ("[:abc]", "the address literal \"[:abc]\" has an empty tag before \":\""),
        ("[t_g:abc]", "the address literal tag \"t_g\" must consist of letters, digits and hyphens"),
        ("[tag:]", "the address literal \"[tag:]\" has nothing after its tag"),
        ("[1.2.3.4 ]", "a space is not allowed in an address literal"),
        ("[a[b]", "character '[' is not allowed in an address literal"),
        ("[a\\b]", "character '\\' is not allowed in an address literal"),
    ])
    func invalid(literal: String, message: String) {
        #expect(literalError(literal) == message)
    }

    @Test("Canonical forms (RFC 5952 for IPv6)", arguments: [
        ("[192.000.002.001]", "[192.0.2.1]"),
        ("[IPv6:2001:0DB8:0000:0000:0000:0000:0000:0001]", "[IPv6:2001:db8::1]"),
        ("[ipv6:2001:db8::1]", "[IPv6:2001:db8::1]"),
        ("[IPv6:::]", "[IPv6:::]"),
        ("[IPv6:0:0:0:0:0:0:0:1]", "[IPv6:::1]"),
        ("[IPv6:1:0:0:2:0:0:0:3]", "[IPv6:1:0:0:2::3]"),   // longest run wins
        ("[IPv6:1:0:0:2:3:0:0:4]", "[IPv6:1::2:3:0:0:4]"),  // first of equal runs
        ("[IPv6:1:0:2:3:4:5:6:7]", "[IPv6:1:0:2:3:4:5:6:7]"), // a single zero is not compressed
        ("[IPv6:::ffff:c000:0201]", "[IPv6:::ffff:192.0.2.1]"),
        ("[IPv6:::1.2.3.4]", "[IPv6:::102:304]"),
        ("[X-Tag:Content]", "[X-Tag:Content]"),
    ])
    func canonical(literal: String, expected: String) throws {
        #expect(try EmailAddress.parse("a@" + literal).normalizedDomain == expected)
        #expect(try EmailAddress.parse("a@" + literal).asciiDomain == expected)
    }
}
