import Testing
@testable import DNS

@Suite struct IPAddressTests {
    @Test func ipv4ParsingIsStrict() {
        #expect(IPv4Address("192.0.2.1")?.bytes == [192, 0, 2, 1])
        for bad in ["192.0.2", "192.0.2.1.5", "256.0.0.1", "01.2.3.4", "1.2.3.", "a.b.c.d", "1.2.3.-4", ""] {
            #expect(IPv4Address(bad) == nil, "\(bad)")
        }
    }

    @Test func ipv6ParsingAndCanonicalText() {
        let cases: [(String, String)] = [
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
            ("::1", "::1"),
            ("::", "::"),
            ("2001:db8::", "2001:db8::"),
            ("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"),          // the longer zero run is compressed
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),        // first of equal runs
            ("2001:db8:1:1:1:1:0:1", "2001:db8:1:1:1:1:0:1"),     // a single zero group stays
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
        ]
        for (input, canonical) in cases {
            #expect(IPv6Address(input)?.description == canonical, "\(input)")
        }
        for bad in ["1::2::3", ":::", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1:2:3:4:5:6:7", "fe80::1%eth0", ":1::", "1::2:"] {
            #expect(IPv6Address(bad) == nil, "\(bad)")
        }
    }

    @Test func reverseLookupNames() {
        #expect(IPAddress("192.0.2.1")?.reverseLookupName == "1.2.0.192.in-addr.arpa")
        #expect(IPAddress("2001:db8::1")?.reverseLookupName
                == "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
    }
}
