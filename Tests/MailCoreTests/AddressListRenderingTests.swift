import Testing
import MailCore

@Suite("NamedMailbox and AddressList rendering")
struct AddressListRenderingTests {
    private let address = EmailAddress(localPart: "a", domain: "b.test")

    @Test("Display names are quoted only when needed", arguments: [
        (nil, "a@b.test"),
        ("", "a@b.test"),
        ("   ", "a@b.test"),
        ("John Doe", "John Doe <a@b.test>"),
        ("Name, Jr.", #""Name, Jr." <a@b.test>"#),
        ("Doe, John", #""Doe, John" <a@b.test>"#),
        ("Joe Q. Public", #""Joe Q. Public" <a@b.test>"#),
        (#"John "Q" Public"#, #""John \"Q\" Public" <a@b.test>"#),
        (#"back\slash"#, #""back\\slash" <a@b.test>"#),
        ("two  spaces", #""two  spaces" <a@b.test>"#),
        ("  padded  ", "padded <a@b.test>"),
        ("O'Brien", "O'Brien <a@b.test>"),
        ("Who?", "Who? <a@b.test>"),
        ("=?UTF-8?Q?J=C3=B6rg?=", "=?UTF-8?Q?J=C3=B6rg?= <a@b.test>"),
        ("a@b", #""a@b" <a@b.test>"#),
        ("(comment)", #""(comment)" <a@b.test>"#),
    ] as [(String?, String)])
    func displayNames(name: String?, expected: String) {
        #expect(NamedMailbox(displayName: name, address: address).headerValue == expected)
    }

    @Test("Control characters cannot inject header lines")
    func noInjection() {
        let evil = NamedMailbox(displayName: "Evil\r\nBcc: victim@example.com", address: address)
        #expect(evil.headerValue == #""Evil  Bcc: victim@example.com" <a@b.test>"#)
        #expect(!evil.headerValue.contains("\r") && !evil.headerValue.contains("\n"))
        let tab = NamedMailbox(displayName: "A\tB\u{0}", address: address)
        #expect(tab.headerValue == "A B <a@b.test>")
        // Constructed (unvalidated) addresses cannot inject either.
        let forged = NamedMailbox(displayName: "X", address: EmailAddress(localPart: "a\r\nBcc: v", domain: "b.test"))
        #expect(forged.headerValue == #"X <"a  Bcc: v"@b.test>"#)
    }

    @Test("The address part uses RFC 5321 minimal quoting")
    func quotedAddress() {
        let m = NamedMailbox(displayName: "X", address: EmailAddress(localPart: "john doe", domain: "b.test"))
        #expect(m.headerValue == #"X <"john doe"@b.test>"#)
        #expect(m.description == m.headerValue)
    }

    @Test("Groups and lists")
    func groups() {
        #expect(AddressListEntry.group(name: "undisclosed-recipients", members: []).headerValue == "undisclosed-recipients:;")
        let team = AddressListEntry.group(name: "The Team", members: [
            NamedMailbox(displayName: nil, address: address),
            NamedMailbox(displayName: "C, D", address: EmailAddress(localPart: "c", domain: "d.test")),
        ])
        #expect(team.headerValue == #"The Team: a@b.test, "C, D" <c@d.test>;"#)
        #expect(AddressListEntry.group(name: "Team: A", members: []).headerValue == #""Team: A":;"#)
        let list: [AddressListEntry] = [.mailbox(NamedMailbox(displayName: "A", address: address)), team]
        #expect(AddressList.render(list) == #"A <a@b.test>, The Team: a@b.test, "C, D" <c@d.test>;"#)
        #expect(AddressList.render([NamedMailbox(displayName: nil, address: address)]) == "a@b.test")
    }

    @Test("parse(render(x)) == x")
    func roundTrip() {
        let entries: [AddressListEntry] = [
            .mailbox(NamedMailbox(displayName: "Name, Jr.", address: address)),
            .mailbox(NamedMailbox(displayName: #"Quote " and \ backslash"#, address: address)),
            .mailbox(NamedMailbox(displayName: nil, address: EmailAddress(localPart: "a b", domain: "c.test"))),
            .mailbox(NamedMailbox(displayName: "Jörg", address: EmailAddress(localPart: "jörg", domain: "bücher.de"))),
            .group(name: "G", members: [NamedMailbox(displayName: "X (Y)", address: address)]),
            .group(name: "Empty", members: []),
            .mailbox(NamedMailbox(displayName: "Dots. In. Name", address: EmailAddress(localPart: "d", domain: "[192.0.2.1]"))),
        ]
        #expect(AddressList.parse(AddressList.render(entries)) == entries)
    }
}
