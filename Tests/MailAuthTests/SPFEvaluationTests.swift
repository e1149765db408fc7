import DNS
import Testing
@testable import MailAuth

@Suite struct SPFEvaluationTests {
    static func checker(_ records: [String: [RecordData]], failing: Set<String> = []) -> SPFChecker {
        SPFChecker(dns: StaticMailAuthDNS(records: records, failing: failing), defaultExplanation: "DEFAULT")
    }

    static func result(_ records: [String: [RecordData]], ip: String = "192.0.2.10", from: String = "a@example.com",
                       helo: String = "mail.example.com", failing: Set<String> = []) async -> SPFCheckResult {
        await checker(records, failing: failing).check(ip: Zone.ip(ip), mailFrom: from, helo: helo)
    }

    @Test func qualifiersGiveTheirResults() async {
        for (qualifier, expected) in [("+", SPFResult.pass), ("-", .fail), ("~", .softfail), ("?", .neutral), ("", .pass)] {
            let r = await Self.result(["example.com": [Zone.txt("v=spf1 \(qualifier)ip4:192.0.2.0/24 -all")]])
            #expect(r.result == expected, "qualifier \(qualifier)")
        }
    }

    @Test func noRecordIsNoneAndNoMatchIsNeutral() async {
        #expect(await Self.result([:]).result == .none)
        #expect(await Self.result(["example.com": [Zone.txt("some other text")]]).result == .none)
        #expect(await Self.result(["example.com": [Zone.txt("v=spf1 ip4:198.51.100.1")]]).result == .neutral)
    }

    @Test func twoRecordsArePermerror() async {
        let r = await Self.result(["example.com": [Zone.txt("v=spf1 -all"), Zone.txt("v=spf1 +all")]])
        #expect(r.result == .permerror)
    }

    @Test func dnsFailureIsTemperror() async {
        #expect(await Self.result([:], failing: ["example.com"]).result == .temperror)
        let viaA = await Self.result(["example.com": [Zone.txt("v=spf1 a:broken.example.com -all")]], failing: ["broken.example.com"])
        #expect(viaA.result == .temperror)
    }

    @Test func aAndMXMechanismsWithCIDR() async {
        let zone: [String: [RecordData]] = [
            "example.com": [Zone.txt("v=spf1 a/24 mx:mx.example.net -all"), Zone.a("192.0.2.200")],
            "mx.example.net": [Zone.mx(10, "smtp.example.net")],
            "smtp.example.net": [Zone.a("198.51.100.7"), Zone.aaaa("2001:db8::7")],
        ]
        #expect(await Self.result(zone, ip: "192.0.2.10").result == .pass)
        #expect(await Self.result(zone, ip: "198.51.100.7").result == .pass)
        #expect(await Self.result(zone, ip: "2001:db8::7").result == .pass)
        #expect(await Self.result(zone, ip: "198.51.100.8").result == .fail)
    }

    @Test func ipv4MappedClientsAreIPv4() async {
        let zone: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 ip4:192.0.2.10 ip6:::/0 -all")]]
        #expect(await Self.result(zone, ip: "::ffff:192.0.2.10").result == .pass)
        #expect(await Self.result(zone, ip: "2001:db8::1").result == .pass)
        let v6only: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 ip6:::/0 -all")]]
        #expect(await Self.result(v6only, ip: "::ffff:192.0.2.10").result == .fail)
    }

    @Test func includeSemantics() async {
        let zone: [String: [RecordData]] = [
            "example.com": [Zone.txt("v=spf1 include:pass.example.net include:fail.example.net ~all")],
            "pass.example.net": [Zone.txt("v=spf1 ip4:192.0.2.1 -all")],
            "fail.example.net": [Zone.txt("v=spf1 -ip4:192.0.2.2 ?all")],
        ]
        #expect(await Self.result(zone, ip: "192.0.2.1").result == .pass)
        // A fail inside include is "no match": evaluation goes on to ~all.
        #expect(await Self.result(zone, ip: "192.0.2.2").result == .softfail)
        let none: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 include:nothing.example.net -all")]]
        #expect(await Self.result(none).result == .permerror)
    }

    @Test func redirectAndItsExplanation() async {
        let zone: [String: [RecordData]] = [
            "example.com": [Zone.txt("v=spf1 exp=own.example.com redirect=_spf.example.net")],
            "_spf.example.net": [Zone.txt("v=spf1 -all exp=why.example.net")],
            "why.example.net": [Zone.txt("%{i} may not send for %{d}")],
            "own.example.com": [Zone.txt("never used")],
        ]
        let r = await Self.result(zone)
        #expect(r.result == .fail)
        #expect(r.explanation == "192.0.2.10 may not send for _spf.example.net")
    }

    @Test func defaultExplanationWhenExpIsUnusable() async {
        let zone: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 -all exp=missing.example.com")]]
        #expect(await Self.result(zone).explanation == "DEFAULT")
    }

    @Test func lookupLimitIsTen() async {
        var zone: [String: [RecordData]] = [:]
        let tenIncludes = (1...9).map { "include:i\($0).example.net" }.joined(separator: " ")
        zone["example.com"] = [Zone.txt("v=spf1 \(tenIncludes) a:last.example.net ip4:192.0.2.10 -all")]
        for i in 1...9 { zone["i\(i).example.net"] = [Zone.txt("v=spf1 ip4:198.51.100.\(i)")] }
        zone["last.example.net"] = [Zone.a("198.51.100.99")]
        #expect(await Self.result(zone).result == .pass)
        zone["example.com"] = [Zone.txt("v=spf1 \(tenIncludes) a:last.example.net a:last.example.net ip4:192.0.2.10 -all")]
        #expect(await Self.result(zone).result == .permerror)
    }

    @Test func voidLookupLimitIsTwo() async {
        let two: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 a:n1.example.net a:n2.example.net ?all")]]
        #expect(await Self.result(two).result == .neutral)
        let three: [String: [RecordData]] = ["example.com": [Zone.txt("v=spf1 a:n1.example.net a:n2.example.net a:n3.example.net ?all")]]
        #expect(await Self.result(three).result == .permerror)
    }

    @Test func ptrMechanismUsesValidatedNames() async {
        let zone: [String: [RecordData]] = [
            "example.com": [Zone.txt("v=spf1 ptr -all")],
            "10.2.0.192.in-addr.arpa": [Zone.ptr("host.example.com"), Zone.ptr("liar.example.com")],
            "host.example.com": [Zone.a("192.0.2.10")],
            "liar.example.com": [Zone.a("203.0.113.1")],
        ]
        #expect(await Self.result(zone).result == .pass)
        var unvalidated = zone
        unvalidated["host.example.com"] = [Zone.a("203.0.113.2")]
        #expect(await Self.result(unvalidated).result == .fail)
    }

    @Test func heloIdentityForTheNullSender() async {
        let zone: [String: [RecordData]] = ["mail.example.com": [Zone.txt("v=spf1 ip4:192.0.2.10 -all")]]
        for nullSender in ["", "<>"] {
            let r = await Self.result(zone, from: nullSender)
            #expect(r.result == .pass)
            #expect(r.identity == .helo)
            #expect(r.sender == "postmaster@mail.example.com")
        }
        #expect(await Self.result(zone, from: "<a@mail.example.com>").identity == .mailFrom)
    }

    @Test func malformedDomainsAreNone() async {
        #expect(await Self.result([:], from: "a@[192.0.2.1]").result == .none)
        #expect(await Self.result([:], from: "a@localhost").result == .none)
        #expect(await Self.result([:], from: "a@x..example.com").result == .none)
    }
}
