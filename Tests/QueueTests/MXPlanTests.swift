import MailCore
import Queue
import Testing

@Suite("Routing: MX order and null MX (RFC 5321 §5.1, RFC 7505)")
struct MXPlanTests {
    @Test func byPreferenceThenRandomAmongEquals() {
        let records = [
            MXRecord(preference: 20, exchange: "backup.example.net."),
            MXRecord(preference: 10, exchange: "mx1.example.net"),
            MXRecord(preference: 10, exchange: "MX2.example.net"),
            MXRecord(preference: 10, exchange: "mx3.example.net"),
        ]
        var orders = Set<[String]>()
        for seed in 0..<40 {
            var generator = SeededGenerator(seed: UInt64(seed))
            guard case .hosts(let hosts) = MXPlan.from(domain: "example.net", records: records, using: &generator) else {
                Issue.record("expected hosts")
                return
            }
            #expect(hosts.count == 4)
            #expect(Set(hosts.prefix(3)) == ["mx1.example.net", "mx2.example.net", "mx3.example.net"])
            #expect(hosts.last == "backup.example.net")
            orders.insert(hosts)
        }
        #expect(orders.count > 1)  // equal preferences are not always in the same order
    }

    @Test func noMXRecordsMeansTheDomainItself() {
        #expect(MXPlan.from(domain: "example.net", records: []) == .hosts(["example.net"]))
    }

    @Test func nullMX() {
        #expect(MXPlan.from(domain: "example.net", records: [MXRecord(preference: 0, exchange: ".")]) == .nullMX)
        #expect(MXPlan.from(domain: "example.net", records: [MXRecord(preference: 0, exchange: "")]) == .nullMX)
        // RFC 7505 §3: a root exchange among real ones is ignored.
        #expect(MXPlan.from(domain: "example.net", records: [MXRecord(preference: 0, exchange: "."),
                                                             MXRecord(preference: 10, exchange: "mx.example.net")])
                == .hosts(["mx.example.net"]))
    }

    @Test func duplicateHostsAreTriedOnceAtTheirBestPreference() {
        let plan = MXPlan.from(domain: "example.net", records: [
            MXRecord(preference: 30, exchange: "a.example.net"),
            MXRecord(preference: 20, exchange: "b.example.net"),
            MXRecord(preference: 10, exchange: "a.example.net."),
        ])
        #expect(plan == .hosts(["a.example.net", "b.example.net"]))
    }
}

@Suite("Routing: hosts and addresses to try")
struct HostResolverTests {
    let dns = FakeDNS(
        mx: [
            "example.net": [MXRecord(preference: 10, exchange: "mx1.example.net"),
                            MXRecord(preference: 20, exchange: "mx2.example.net")],
            "partly.example": [MXRecord(preference: 10, exchange: "gone.partly.example"),
                               MXRecord(preference: 20, exchange: "mx.partly.example")],
            "null.example": [MXRecord(preference: 0, exchange: ".")],
            "loop.example": [MXRecord(preference: 10, exchange: "out.example.org")],
            "behind.example": [MXRecord(preference: 10, exchange: "primary.behind.example"),
                               MXRecord(preference: 20, exchange: "out.example.org")],
        ],
        addresses: [
            "mx1.example.net": ["192.0.2.1", "2001:db8::1"],
            "mx2.example.net": ["192.0.2.2"],
            "mx.partly.example": ["192.0.2.9"],
            "implicit.example": ["192.0.2.7"],
            "primary.behind.example": ["192.0.2.8"],
            "relay.example.com": ["198.51.100.1"],
        ],
        failures: ["mx:flaky.example": .temporary("SERVFAIL"), "slow.example": .temporary("timeout")])

    var resolver: HostResolver { HostResolver(dns: dns, ownHostname: "out.example.org") }

    @Test func everyAddressOfEveryHostInOrder() async {
        let outcome = await resolver.resolve(.domain("example.net"), mxPort: 2525)
        #expect(outcome == .targets([
            SMTPConnectTarget(host: "mx1.example.net", address: "192.0.2.1", port: 2525),
            SMTPConnectTarget(host: "mx1.example.net", address: "2001:db8::1", port: 2525),
            SMTPConnectTarget(host: "mx2.example.net", address: "192.0.2.2", port: 2525),
        ]))
    }

    @Test func aHostWithoutAddressesIsSkipped() async {
        #expect(await resolver.resolve(.domain("partly.example"), mxPort: 25)
                == .targets([SMTPConnectTarget(host: "mx.partly.example", address: "192.0.2.9", port: 25)]))
    }

    @Test func implicitMX() async {
        #expect(await resolver.resolve(.domain("implicit.example"), mxPort: 25)
                == .targets([SMTPConnectTarget(host: "implicit.example", address: "192.0.2.7", port: 25)]))
    }

    @Test func nullMXBouncesAtOnce() async {
        guard case .permanent(let reply) = await resolver.resolve(.domain("null.example"), mxPort: 25) else {
            Issue.record("expected a permanent failure")
            return
        }
        #expect(reply.enhancedCode == "5.1.10")
    }

    @Test func unknownDomainBouncesAndDNSTroubleDefers() async {
        guard case .permanent(let missing) = await resolver.resolve(.domain("nowhere.example"), mxPort: 25) else {
            Issue.record("expected a permanent failure")
            return
        }
        #expect(missing.enhancedCode == "5.1.2")
        guard case .temporary(let flaky) = await resolver.resolve(.domain("flaky.example"), mxPort: 25) else {
            Issue.record("expected a temporary failure")
            return
        }
        #expect(flaky.enhancedCode == "4.4.3")
    }

    @Test func neverOurselves() async {
        guard case .permanent(let loop) = await resolver.resolve(.domain("loop.example"), mxPort: 25) else {
            Issue.record("expected a permanent failure")
            return
        }
        #expect(loop.enhancedCode == "5.4.6")
        // We are a backup MX: only the better ones are used.
        #expect(await resolver.resolve(.domain("behind.example"), mxPort: 25)
                == .targets([SMTPConnectTarget(host: "primary.behind.example", address: "192.0.2.8", port: 25)]))
    }

    @Test func relayHostsAndLiterals() async {
        let named = RelayEndpoint(host: "relay.example.com", port: 587, tls: .required)
        #expect(await resolver.resolve(.relay(named), mxPort: 25)
                == .targets([SMTPConnectTarget(host: "relay.example.com", address: "198.51.100.1", port: 587)]))
        let ip = RelayEndpoint(host: "127.0.0.1", port: 2525, tls: .none)
        #expect(await resolver.resolve(.relay(ip), mxPort: 25)
                == .targets([SMTPConnectTarget(host: "127.0.0.1", address: "127.0.0.1", port: 2525)]))
        // A relay host that cannot be found is retried, not bounced.
        guard case .temporary = await resolver.resolve(.relay(RelayEndpoint(host: "missing.example", port: 25, tls: .none)), mxPort: 25) else {
            Issue.record("expected a temporary failure")
            return
        }
        #expect(await resolver.resolve(.literal("192.0.2.55"), mxPort: 2525)
                == .targets([SMTPConnectTarget(host: "192.0.2.55", address: "192.0.2.55", port: 2525)]))
    }
}
