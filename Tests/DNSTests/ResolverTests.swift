import Testing
@testable import DNS

@Suite struct ResolverTests {
    static let mx1 = record("mx1.example.test", .a(IPv4Address("192.0.2.1")!))
    static let zone: [DNSResourceRecord] = [
        record("example.test", .mx(MXRecord(preference: 10, exchange: "mx1.example.test"))),
        mx1,
        record("mx1.example.test", .aaaa(IPv6Address("2001:db8::1")!)),
        record("www.example.test", .cname("alias.example.test")),
        record("alias.example.test", .cname("mx1.example.test")),
        record("loop1.example.test", .cname("loop2.example.test")),
        record("loop2.example.test", .cname("LOOP1.example.test")),
        record("dangling.example.test", .cname("missing.example.test")),
        record("nullmx.example.test", .mx(MXRecord(preference: 0, exchange: .root))),
        record("implicit.example.test", .a(IPv4Address("192.0.2.9")!)),
        record("v4only.example.test", .a(IPv4Address("192.0.2.4")!)),
    ]

    @Test func followsCNAMEsByAskingAgain() async throws {
        let transport = ScriptedTransport(zoneScript(Self.zone))
        let answer = try await resolver(transport).lookup("WWW.example.test", .a)
        #expect(answer.canonicalName == "mx1.example.test")
        #expect(answer.aliases.map(\.data) == [.cname("alias.example.test"), .cname("mx1.example.test")])
        #expect(answer.records == [Self.mx1])
        #expect(transport.calls.map(\.name) == ["www.example.test", "alias.example.test", "mx1.example.test"])
    }

    @Test func followsCNAMEsInsideOneAnswer() async throws {
        let transport = ScriptedTransport { query, _, _ in
            response(to: query, answers: [record("www.example.test", .cname("mx1.example.test")), Self.mx1])
        }
        let answer = try await resolver(transport).lookup("www.example.test", .a)
        #expect(answer.records == [Self.mx1] && answer.aliases.count == 1)
        #expect(transport.calls.count == 1)
    }

    @Test func cnameLoopsAndLongChainsStop() async {
        let transport = ScriptedTransport(zoneScript(Self.zone))
        await #expect(throws: DNSError.cnameChain("loop1.example.test")) {
            try await resolver(transport).lookup("loop1.example.test", .a)
        }
        var chain: [DNSResourceRecord] = []
        for index in 0..<20 {
            chain.append(record(DNSName("c\(index).example.test")!, .cname(DNSName("c\(index + 1).example.test")!)))
        }
        let long = ScriptedTransport(zoneScript(chain))
        await #expect(throws: DNSError.cnameChain("c0.example.test")) {
            try await resolver(long).lookup("c0.example.test", .a)
        }
        #expect(long.calls.count <= 9)
    }

    @Test func nxdomainAndNoDataAreDistinctAndPermanent() async {
        let transport = ScriptedTransport(zoneScript(Self.zone))
        let dns = resolver(transport)
        await #expect(throws: DNSError.nonexistentDomain("nope.example.test")) { try await dns.lookup("nope.example.test", .a) }
        await #expect(throws: DNSError.noData("v4only.example.test", .aaaa)) { try await dns.lookup("v4only.example.test", .aaaa) }
        // After a CNAME, NXDOMAIN names the chain's end.
        await #expect(throws: DNSError.nonexistentDomain("missing.example.test")) {
            try await dns.lookup("dangling.example.test", .a)
        }
        #expect(DNSError.nonexistentDomain("x.test").isPermanent && DNSError.noData("x.test", .a).isPermanent)
        #expect(DNSError.timeout.isTemporary && DNSError.serverFailure(.serverFailure).isTemporary)
    }

    @Test func cachesPositiveAndNegativeAnswers() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(zoneScript(Self.zone))
        let dns = resolver(transport, cache: DNSCache(now: clock.function))
        _ = try await dns.lookup("www.example.test", .a)
        _ = try await dns.lookup("Www.Example.Test", .a)
        await #expect(throws: DNSError.self) { try await dns.lookup("nope.example.test", .a) }
        await #expect(throws: DNSError.nonexistentDomain("nope.example.test")) { try await dns.lookup("nope.example.test", .a) }
        #expect(transport.calls.count == 4)
        clock.advance(by: .seconds(61))  // the negative TTL (SOA minimum 60) is over
        await #expect(throws: DNSError.self) { try await dns.lookup("nope.example.test", .a) }
        #expect(transport.calls.count == 5)
        clock.advance(by: .seconds(300))
        _ = try await dns.lookup("www.example.test", .a)
        #expect(transport.calls.count == 8)
    }

    @Test func truncatedUDPAnswersAreRetriedOverTCP() async throws {
        let many = (1...100).map { record("big.example.test", .a(IPv4Address("192.0.2.\($0)")!)) }
        let transport = ScriptedTransport { query, _, transport in
            transport == .udp ? response(to: query, answers: Array(many.prefix(3)), truncated: true)
                              : response(to: query, answers: many)
        }
        let answer = try await resolver(transport).lookup("big.example.test", .a)
        #expect(answer.records.count == 100)
        #expect(transport.calls.map(\.transport) == [.udp, .tcp])
    }

    @Test func mismatchedAnswersAreRejected() async throws {
        let wrongID = ScriptedTransport { query, _, _ in
            var reply = response(to: query, answers: [Self.mx1])
            reply.header.id &+= 1
            return reply
        }
        await #expect(throws: DNSError.malformedResponse("answer does not match the question")) {
            try await resolver(wrongID).lookup("mx1.example.test", .a)
        }
        let wrongQuestion = ScriptedTransport { query, _, _ in
            var reply = response(to: query, answers: [Self.mx1])
            reply.questions = [DNSQuestion(name: "other.test", type: .a)]
            return reply
        }
        await #expect(throws: DNSError.self) { try await resolver(wrongQuestion).lookup("mx1.example.test", .a) }
        let notAResponse = ScriptedTransport { query, _, _ in query }
        await #expect(throws: DNSError.self) { try await resolver(notAResponse).lookup("mx1.example.test", .a) }
        // The question may differ in case only (RFC 4343; some servers randomise it).
        let caseChanged = ScriptedTransport { query, _, _ in
            var reply = response(to: query, answers: [Self.mx1])
            reply.questions = [DNSQuestion(name: "MX1.EXAMPLE.TEST", type: .a)]
            return reply
        }
        #expect(try await resolver(caseChanged).lookup("mx1.example.test", .a).records.count == 1)
    }

    @Test func retriesEveryServerForEveryAttempt() async throws {
        let transport = ScriptedTransport { query, server, _ throws(DNSTransportError) in
            throw .timeout
        }
        let dns = resolver(transport, servers: [testServer, otherServer], attempts: 3)
        await #expect(throws: DNSError.timeout) { try await dns.lookup("mx1.example.test", .a) }
        #expect(transport.calls.map(\.server) == Array(repeating: [testServer, otherServer], count: 3).flatMap { $0 })
    }

    @Test func serverFailureMovesToTheNextServer() async throws {
        let transport = ScriptedTransport { query, server, _ in
            server == testServer ? response(to: query, rcode: .serverFailure) : response(to: query, answers: [Self.mx1])
        }
        let answer = try await resolver(transport, servers: [testServer, otherServer]).lookup("mx1.example.test", .a)
        #expect(answer.records == [Self.mx1])
        let failing = ScriptedTransport { query, server, _ throws(DNSTransportError) in
            if server == testServer { return response(to: query, rcode: .refused) }
            throw .timeout
        }
        // The explicit error code says more than the other server's silence.
        await #expect(throws: DNSError.serverFailure(.refused)) {
            try await resolver(failing, servers: [testServer, otherServer]).lookup("mx1.example.test", .a)
        }
    }

    @Test func formErrRetriesWithoutEDNS() async throws {
        let transport = ScriptedTransport { query, _, _ in
            if query.edns != nil {
                var reply = response(to: query, rcode: .formatError)
                reply.questions = []
                reply.edns = nil
                return reply
            }
            return response(to: query, answers: [Self.mx1])
        }
        #expect(try await resolver(transport).lookup("mx1.example.test", .a).records == [Self.mx1])
        #expect(transport.calls.map(\.hasEDNS) == [true, false])
    }

    @Test func queryIDsAreRandom() async throws {
        // The server echoes each query's ID in a TXT record.
        let echo = ScriptedTransport { query, _, _ in
            response(to: query, answers: [record(query.questions[0].name, .txt(TXTRecord(text: "\(query.header.id)")))])
        }
        let dns = resolver(echo, cache: DNSCache(capacity: 0))
        var seen: Set<String> = []
        for _ in 0..<20 {
            seen.insert(try await dns.txt("a.test").first?.text ?? "")
        }
        #expect(seen.count >= 15)
    }

    @Test func mailExchangersCoverMXNullMXImplicitAndNXDOMAIN() async throws {
        let dns = resolver(ScriptedTransport(zoneScript(Self.zone)))
        #expect(try await dns.mailExchangers(for: "example.test") == .exchangers([MailExchanger(preference: 10, host: "mx1.example.test")]))
        #expect(try await dns.mailExchangers(for: "nullmx.example.test") == .nullMX)
        #expect(try await dns.mailExchangers(for: "implicit.example.test") == .implicit("implicit.example.test"))
        await #expect(throws: DNSError.nonexistentDomain("nope.example.test")) {
            try await dns.mailExchangers(for: "nope.example.test")
        }
        await #expect(throws: DNSError.invalidName("bad..name")) { try await dns.mailExchangers(for: "bad..name") }
    }

    @Test func addressesCombineBothFamilies() async throws {
        let dns = resolver(ScriptedTransport(zoneScript(Self.zone)))
        #expect(try await dns.addresses(of: "mx1.example.test") == [IPAddress("192.0.2.1")!, IPAddress("2001:db8::1")!])
        #expect(try await dns.addresses(of: "v4only.example.test") == [IPAddress("192.0.2.4")!])
        await #expect(throws: DNSError.nonexistentDomain("nope.example.test")) { try await dns.addresses(of: "nope.example.test") }
        await #expect(throws: DNSError.noData("example.test", .a)) { try await dns.addresses(of: "example.test") }
        // AAAA timing out while A has nothing: retry later, not bounce.
        let flaky = ScriptedTransport { query, server, transport throws(DNSTransportError) in
            if query.questions[0].type == .aaaa { throw .timeout }
            return try zoneScript(Self.zone)(query, server, transport)
        }
        await #expect(throws: DNSError.timeout) { try await resolver(flaky).addresses(of: "example.test") }
        #expect(try await resolver(flaky).addresses(of: "v4only.example.test") == [IPAddress("192.0.2.4")!])
    }

    @Test func txtPtrAndTLSAHelpers() async throws {
        let key = "v=DKIM1; k=rsa; p=" + String(repeating: "A", count: 400)
        let tlsa = TLSARecord(certificateUsage: 3, selector: 1, matchingType: 1, associationData: Array(repeating: 0xAB, count: 32))
        let records = [
            record("sel._domainkey.example.test", .txt(TXTRecord(text: key))),
            record("1.2.0.192.in-addr.arpa", .ptr("mx1.example.test")),
            record("_25._tcp.mx1.example.test", .tlsa(tlsa)),
        ]
        let transport = ScriptedTransport { query, server, protocolUsed throws(DNSTransportError) in
            var reply = try zoneScript(records)(query, server, protocolUsed)
            reply.header.authenticData = query.questions[0].type == .tlsa
            return reply
        }
        let dns = resolver(transport)
        let txt = try await dns.txt("sel._domainkey.example.test")
        #expect(txt.first?.text == key && txt.first?.strings.count == 2)
        #expect(try await dns.ptr(for: IPAddress("192.0.2.1")!) == ["mx1.example.test"])
        let dane = try await dns.tlsa(port: 25, host: "mx1.example.test")
        #expect(dane.records == [tlsa] && dane.authenticated)
    }
}
