import DNS
import Testing
@testable import MailAuth

@Suite struct SPFSyntaxTests {
    static func parses(_ text: String) -> Bool {
        (try? SPFRecord(Array(text.utf8))) != nil
    }

    @Test func validRecords() {
        for text in ["v=spf1", "v=spf1 -all", "v=spf1 a mx ptr -all", "v=spf1 a:%{d}.example.com/24//64 ~all",
                     "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{ir}.%{v}._spf.%{d2} -all",
                     "v=spf1 redirect=_spf.example.com", "v=spf1 moo.cow-far_out=man:dog/cat -all",
                     "v=spf1 a:foo:bar/baz.example.com", "v=spf1 a:macro%%percent%_%-x.example.com"] {
            #expect(Self.parses(text), "\(text)")
        }
    }

    @Test func syntaxErrors() {
        for text in ["v=spf1 -all.", "v=spf1 -all:foo", "v=spf1 ptr/0", "v=spf1 ip4:1.2.3.4/33", "v=spf1 ip4:1.2.3.4/032",
                     "v=spf1 ip4:1.2.3", "v=spf1 ip4:1.2.3.4//32", "v=spf1 ip6:::1/129", "v=spf1 a:museum",
                     "v=spf1 a:111.222.33.44", "v=spf1 a:example.-com", "v=spf1 include:", "v=spf1 exists",
                     "v=spf1 1up=foo", "v=spf1 =all", "v=spf1 redirect:a.example.com", "v=spf1 exp= -all",
                     "v=spf1 redirect=a.example.com redirect=b.example.com", "v=spf1 foo=%abc",
                     "v=spf1 exp=%{r}.example.com", "v=spf1 a:%{a}.example.com", "v=spf1 exists:%{l0}.example.com",
                     "v=spf1 a:x.example.com\r-all", "v=spf1 a:\u{FEFF}x.example.com", "v=spf1 frobnicate"] {
            #expect(!Self.parses(text), "\(text)")
        }
    }

    @Test func recordSelection() {
        #expect(SPFRecord.isSPFRecord(Array("v=spf1".utf8)))
        #expect(SPFRecord.isSPFRecord(Array("V=SpF1 -all".utf8)))
        #expect(!SPFRecord.isSPFRecord(Array("v=spf10".utf8)))
        #expect(!SPFRecord.isSPFRecord(Array("v=spf1mx".utf8)))
    }

    @Test func macroExpansion() {
        // RFC 7208 §7.4 examples.
        let values: [UInt8: String] = [0x73: "strong-bad@email.example.com", 0x6C: "strong-bad", 0x6F: "email.example.com",
                                       0x64: "email.example.com", 0x69: "192.0.2.3", 0x76: "in-addr", 0x68: "mx.example.org"]
        func x(_ text: String) -> String {
            String(decoding: SPFMacroString(Array(text.utf8))!.expand { Array((values[$0] ?? "").utf8) }, as: UTF8.self)
        }
        #expect(x("%{s}") == "strong-bad@email.example.com")
        #expect(x("%{o}") == "email.example.com")
        #expect(x("%{d4}") == "email.example.com")
        #expect(x("%{d2}") == "example.com")
        #expect(x("%{d1}") == "com")
        #expect(x("%{dr}") == "com.example.email")
        #expect(x("%{d2r}") == "example.email")
        #expect(x("%{l}") == "strong-bad")
        #expect(x("%{l-}") == "strong.bad")
        #expect(x("%{lr}") == "strong-bad")
        #expect(x("%{lr-}") == "bad.strong")
        #expect(x("%{l1r-}") == "strong")
        #expect(x("%{ir}.%{v}._spf.%{d2}") == "3.2.0.192.in-addr._spf.example.com")
        #expect(x("%{lr-}.lp._spf.%{d2}") == "bad.strong.lp._spf.example.com")
        #expect(x("%{S}") == "strong-bad%40email.example.com")
        #expect(x("%%%_%-") == "% %20")
    }

    @Test func ipv6MacroForm() {
        #expect(SPFAddress.macroI(Zone.ip("2001:db8::cb01"))
            == "2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.C.B.0.1")
        #expect(SPFAddress.macroI(Zone.ip("192.0.2.3")) == "192.0.2.3")
    }

    @Test func cidrMatching() {
        #expect(SPFAddress.matches([192, 0, 2, 130], [192, 0, 2, 0], length: 24))
        #expect(!SPFAddress.matches([192, 0, 3, 1], [192, 0, 2, 0], length: 24))
        #expect(SPFAddress.matches([192, 0, 2, 130], [192, 0, 2, 128], length: 25))
        #expect(!SPFAddress.matches([192, 0, 2, 127], [192, 0, 2, 128], length: 25))
        #expect(SPFAddress.matches([1, 2, 3, 4], [9, 9, 9, 9], length: 0))
    }

    @Test func domainTruncation() {
        let long = Array((String(repeating: "abcdefghij.", count: 30) + "example.com").utf8)
        let name = SPFDomain.truncated(long)
        #expect(name.utf8.count <= 253)
        #expect(name.hasSuffix("example.com"))
        #expect(name.hasPrefix("abcdefghij."))
    }
}
