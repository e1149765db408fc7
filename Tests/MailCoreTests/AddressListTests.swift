import Testing
import MailCore

private func mailbox(_ name: String?, _ local: String, _ domain: String) -> NamedMailbox {
    NamedMailbox(displayName: name, address: EmailAddress(localPart: local, domain: domain))
}

private func entry(_ name: String?, _ local: String, _ domain: String) -> AddressListEntry {
    .mailbox(mailbox(name, local, domain))
}

@Suite("AddressList: RFC 5322 address-list")
struct AddressListTests {
    // MARK: RFC 5322 Appendix A examples

    @Test("A.1.1 / A.1.2: display names, bare addresses")
    func appendixA1() {
        #expect(AddressList.parse("\"Joe Q. Public\" <john.q.public@example.com>")
            == [entry("Joe Q. Public", "john.q.public", "example.com")])
        #expect(AddressList.parse("Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>") == [
            entry("Mary Smith", "mary", "x.test"),
            entry(nil, "jdoe", "example.org"),
            entry("Who?", "one", "y.test"),
        ])
        #expect(AddressList.parse(#"<boss@nil.test>, "Giant; \"Big\" Box" <sysservices@example.net>"#) == [
            entry(nil, "boss", "nil.test"),
            entry(#"Giant; "Big" Box"#, "sysservices", "example.net"),
        ])
    }

    @Test("A.1.3: groups, including an empty one")
    func appendixA1Groups() {
        #expect(AddressList.parse("A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;") == [
            .group(name: "A Group", members: [
                mailbox("Ed Jones", "c", "a.test"),
                mailbox(nil, "joe", "where.test"),
                mailbox("John", "jdoe", "one.test"),
            ]),
        ])
        #expect(AddressList.parse("Undisclosed recipients:;") == [.group(name: "Undisclosed recipients", members: [])])
        #expect(AddressList.parse("undisclosed-recipients:;") == [.group(name: "undisclosed-recipients", members: [])])
    }

    @Test("A.5: comments and white space everywhere")
    func appendixA5() {
        #expect(AddressList.parse(#"Pete(A nice \) chap) <pete(his account)@silly.test(his host)>"#)
            == [entry("Pete", "pete", "silly.test")])
        let group = "A Group(Some people)\r\n     :Chris Jones <c@(Chris's host.)public.example>,\r\n"
            + "         joe@example.org,\r\n  John <jdoe@one.test> (my dear friend); (the end of the group)"
        #expect(AddressList.parse(group) == [
            .group(name: "A Group", members: [
                mailbox("Chris Jones", "c", "public.example"),
                mailbox(nil, "joe", "example.org"),
                mailbox("John", "jdoe", "one.test"),
            ]),
        ])
        #expect(AddressList.parse("(Empty list)(start)Hidden recipients  :(nobody(that I know))  ;")
            == [.group(name: "Hidden recipients", members: [])])
    }

    @Test("A.6: obsolete forms")
    func appendixA6() {
        #expect(AddressList.parse("Joe Q. Public <john.q.public@example.com>")
            == [entry("Joe Q. Public", "john.q.public", "example.com")])
        #expect(AddressList.parse("Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example") == [
            entry("Mary Smith", "mary", "example.net"),
            entry(nil, "jdoe", "test.example"),
        ])
        #expect(AddressList.parse("John Doe <jdoe@machine(comment).  example>")
            == [entry("John Doe", "jdoe", "machine.example")])
        #expect(AddressList.parse("Mary Smith\r\n     \r\n <mary@example.net>")
            == [entry("Mary Smith", "mary", "example.net")])
    }

    // MARK: Obsolete syntax details

    @Test("obs-route with several domains and leading commas")
    func obsRoute() {
        #expect(AddressList.parse("<@a.test,@b.test:u@c.test>, v@d.test")
            == [entry(nil, "u", "c.test"), entry(nil, "v", "d.test")])
        #expect(AddressList.parse("X <,@a.test, ,@b.test:u@c.test>") == [entry("X", "u", "c.test")])
        #expect(AddressList.parse("<@a.test u@c.test>") == [])  // a route without ":" is garbage
    }

    @Test("obs-local-part: CFWS around dots, quoted words")
    func obsLocalPart() {
        #expect(AddressList.parse("john . q (middle) . public @ example . com")
            == [entry(nil, "john.q.public", "example.com")])
        #expect(AddressList.parse(#""a b".c@d.test"#) == [entry(nil, "a b.c", "d.test")])
        let list = AddressList.parse(#""john doe"@example.com"#)
        #expect(list == [entry(nil, "john doe", "example.com")])
        if case .mailbox(let m) = list.first { #expect(m.address.description == #""john doe"@example.com"#) }
    }

    @Test("Empty dot-atoms seen in the wild are kept and re-quoted")
    func doubleDots() {
        let list = AddressList.parse("a..b.@docomo.ne.jp")
        #expect(list == [entry(nil, "a..b.", "docomo.ne.jp")])
        if case .mailbox(let m) = list.first { #expect(m.address.description == #""a..b."@docomo.ne.jp"#) }
    }

    @Test("Domains: literals, trailing dot")
    func domains() {
        #expect(AddressList.parse("a@[192.0.2.1]") == [entry(nil, "a", "[192.0.2.1]")])
        #expect(AddressList.parse("a@[ 192.0.2.1 ]") == [entry(nil, "a", "[192.0.2.1]")])
        #expect(AddressList.parse("<a@[IPv6:2001:db8::1]>") == [entry(nil, "a", "[IPv6:2001:db8::1]")])
        #expect(AddressList.parse("a@example.com.") == [entry(nil, "a", "example.com")])
    }

    @Test("Empty list elements")
    func emptyElements() {
        #expect(AddressList.parse("a@b,,c@d") == [entry(nil, "a", "b"), entry(nil, "c", "d")])
        #expect(AddressList.parse(",, a@b ,") == [entry(nil, "a", "b")])
        #expect(AddressList.parse("") == [])
        #expect(AddressList.parse(" , , ") == [])
        #expect(AddressList.parse("G: , a@b, ;") == [.group(name: "G", members: [mailbox(nil, "a", "b")])])
    }

    // MARK: Display names

    @Test("Display names: quoting, quoted-pairs, folding, encoded words kept raw")
    func displayNames() {
        #expect(AddressList.parse("\"Doe, John\" <j@d.test>") == [entry("Doe, John", "j", "d.test")])
        #expect(AddressList.parse(#""a \"b\" \\ c" <x@y.test>"#) == [entry(#"a "b" \ c"#, "x", "y.test")])
        #expect(AddressList.parse("\"John\r\n Doe\" <j@d.test>") == [entry("John Doe", "j", "d.test")])
        #expect(AddressList.parse("=?UTF-8?Q?J=C3=B6rg?= <j@d.test>") == [entry("=?UTF-8?Q?J=C3=B6rg?=", "j", "d.test")])
        #expect(AddressList.parse("=?utf-8?b?5bGx55Sw?=\r\n =?utf-8?b?5aSq6YOO?= <y@d.test>")
            == [entry("=?utf-8?b?5bGx55Sw?= =?utf-8?b?5aSq6YOO?=", "y", "d.test")])
        #expect(AddressList.parse("\"=?utf-8?q?a?=\" <x@y.test>") == [entry("=?utf-8?q?a?=", "x", "y.test")])
        #expect(AddressList.parse("\"\" <a@b.test>") == [entry(nil, "a", "b.test")])
        #expect(AddressList.parse("  John   (the man)  Smith   <a@b.test>") == [entry("John Smith", "a", "b.test")])
        #expect(AddressList.parse("john@x.test <john@x.test>") == [entry("john@x.test", "john", "x.test")])
        #expect(AddressList.parse("\"Joe\"Smith <a@b.test>") == [entry("JoeSmith", "a", "b.test")])
    }

    @Test("UTF-8 headers (RFC 6532)")
    func utf8() {
        #expect(AddressList.parse("Jörg Müller <jörg@bücher.de>") == [entry("Jörg Müller", "jörg", "bücher.de")])
        #expect(AddressList.parse("\"山田 太郎\" <山田@例え.jp>, 用户@例子.广告") == [
            entry("山田 太郎", "山田", "例え.jp"),
            entry(nil, "用户", "例子.广告"),
        ])
    }

    // MARK: Leniency

    @Test("Garbage entries are skipped, their neighbours kept")
    func garbage() {
        #expect(AddressList.parse("not an address, a@b.test, <>, @, John, x@, @y, a@b@c, x@y.test")
            == [entry(nil, "a", "b.test"), entry(nil, "x", "y.test")])
        #expect(AddressList.parse("Name <>") == [])
        #expect(AddressList.parse("<mailto:a@b.test>, c@d.test") == [entry(nil, "c", "d.test")])
        #expect(AddressList.parse("John Smith a@b.test, c@d.test") == [entry(nil, "c", "d.test")])
    }

    @Test("Semicolons outside groups separate mailboxes")
    func semicolons() {
        #expect(AddressList.parse("a@b.test; c@d.test") == [entry(nil, "a", "b.test"), entry(nil, "c", "d.test")])
    }

    @Test("Missing closing characters")
    func unterminated() {
        #expect(AddressList.parse("John <a@b.test") == [entry("John", "a", "b.test")])
        #expect(AddressList.parse("John <a@b.test, c@d.test") == [entry("John", "a", "b.test"), entry(nil, "c", "d.test")])
        #expect(AddressList.parse("G: a@b.test, c@d.test")
            == [.group(name: "G", members: [mailbox(nil, "a", "b.test"), mailbox(nil, "c", "d.test")])])
        #expect(AddressList.parse("a@b.test (unterminated comment, c@d.test") == [entry(nil, "a", "b.test")])
        #expect(AddressList.parse("\"unterminated <a@b.test>") == [])
        #expect(AddressList.parse("<a@b.test> trailing words") == [entry(nil, "a", "b.test")])
    }

    @Test("A group inside a group is garbage; the rest survives")
    func nestedGroup() {
        #expect(AddressList.parse("G: a@b.test, H: c@d.test; e@f.test") == [
            .group(name: "G", members: [mailbox(nil, "a", "b.test")]),
            entry(nil, "e", "f.test"),
        ])
    }

    @Test("mailboxes(in:) flattens groups in order")
    func flatten() {
        let all = AddressList.mailboxes(in: "a@b.test, G: c@d.test, E <e@f.test>;, g@h.test, Empty:;")
        #expect(all.map(\.address.localPart) == ["a", "c", "e", "g"])
        #expect(all[2].displayName == "E")
    }
}
