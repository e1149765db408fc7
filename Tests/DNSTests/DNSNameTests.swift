import Testing
@testable import DNS

@Suite struct DNSNameTests {
    @Test func parsesWithAndWithoutTrailingDot() {
        let a = parse("Mail.Example.COM")
        let b = parse("mail.example.com.")
        #expect(a != nil && a == b)
        #expect(a?.labels.map { String(decoding: $0, as: UTF8.self) } == ["Mail", "Example", "COM"])
        #expect(a?.description == "Mail.Example.COM.")
        #expect(a?.withoutTrailingDot == "Mail.Example.COM")
    }

    @Test func rootName() {
        #expect(parse(".")?.isRoot == true)
        #expect(DNSName.root.description == ".")
        #expect(DNSName.root.wireLength == 1)
    }

    @Test func refusesEmptyLabels() {
        for text in ["", "..", "a..b", ".a", "a.b.."] {
            #expect(DNSName(text) == nil, "\(text)")
        }
    }

    @Test func labelAndNameLengthLimits() {
        let label63 = String(repeating: "a", count: 63)
        #expect(parse("\(label63).test") != nil)
        #expect(parse("\(label63)a.test") == nil)
        // 4 labels of 63 + 4 length bytes + root = 257 > 255; 3 of 63 and one of 61 = 255.
        let tooLong = Array(repeating: label63, count: 4).joined(separator: ".")
        #expect(DNSName(tooLong) == nil)
        let longest = Array(repeating: label63, count: 3).joined(separator: ".") + "." + String(repeating: "b", count: 61)
        #expect(DNSName(longest)?.wireLength == 255)
        #expect(DNSName(labels: [Array(repeating: 0x61, count: 64)]) == nil)
        #expect(DNSName(labels: [[]]) == nil)
    }

    @Test func equalityAndHashIgnoreASCIICase() {
        let names: Set<DNSName> = ["EXAMPLE.test", "example.TEST."]
        #expect(names.count == 1)
        #expect(parse("a.b") != parse("a.b.c"))
        #expect(parse("ab.c") != parse("a.bc"))
    }

    @Test func escapesRoundTrip() throws {
        let name = try #require(parse(#"a\.b.c\\d.e\032f.g"#))
        #expect(name.labels.count == 4)
        #expect(name.labels[0] == Array("a.b".utf8))
        #expect(name.labels[1] == Array(#"c\d"#.utf8))
        #expect(name.labels[2] == Array("e f".utf8))
        #expect(name.description == #"a\.b.c\\d.e\032f.g."#)
        #expect(parse(name.description) == name)
        #expect(parse(#"bad\25"#) == nil)
        #expect(parse(#"bad\256x"#) == nil)
        #expect(parse(#"trailing\"#) == nil)
    }

    @Test func subdomainsAndParents() {
        let name: DNSName = "_25._tcp.MX.example.test"
        #expect(name.isSubdomain(of: "example.TEST"))
        #expect(name.isSubdomain(of: .root))
        #expect(!DNSName(stringLiteral: "example.test").isSubdomain(of: name))
        #expect(name.parent == "_tcp.mx.example.test")
        #expect(parse("mx.example.test")?.prepending("_tcp")?.prepending("_25") == name)
    }

    @Test func recordTypesByNameAndNumber() {
        #expect(DNSRecordType("mx") == .mx)
        #expect(DNSRecordType("TLSA") == .tlsa)
        #expect(DNSRecordType("TYPE99")?.rawValue == 99)
        #expect(DNSRecordType(rawValue: 99).description == "TYPE99")
        #expect(DNSRecordType("TYPE70000") == nil)
        #expect(DNSRecordType("bogus") == nil)
    }
}
