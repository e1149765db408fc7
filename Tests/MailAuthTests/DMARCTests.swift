import DNS
import Testing
@testable import MailAuth

@Suite struct DMARCTests {
    static func spfPass(_ domain: String) -> SPFCheckResult {
        SPFCheckResult(result: .pass, identity: .mailFrom, sender: "bounce@\(domain)", domain: domain)
    }

    static func dkimPass(_ domain: String) -> DKIMVerificationResult {
        DKIMVerificationResult(result: .pass, domain: domain, selector: "s")
    }

    static func evaluate(_ zone: [String: [RecordData]], from: [String], spf: SPFCheckResult? = nil,
                         dkim: [DKIMVerificationResult] = [], failing: Set<String> = []) async -> DMARCEvaluation {
        await DMARCEvaluator(dns: StaticMailAuthDNS(records: zone, failing: failing))
            .evaluate(authorDomains: from, spf: spf, dkim: dkim)
    }

    static let base: [String: [RecordData]] = [
        "_dmarc.example.com": [Zone.txt("v=DMARC1; p=reject; sp=quarantine; np=reject; rua=mailto:d@example.com")],
        "example.com": [Zone.a("192.0.2.1")],
        "news.example.com": [Zone.a("192.0.2.2")],
        "_dmarc.signing.example.com": [Zone.txt("v=DMARC1; p=none")],
    ]

    @Test func recordParsing() {
        let r = DMARCRecord(txt: Array("v=DMARC1; p=quarantine; sp=none; adkim=s; aspf=r; psd=n; t=y; pct=50; x=1".utf8))
        #expect(r?.policy == .quarantine)
        #expect(r?.subdomainPolicy == DMARCPolicy.none)
        #expect(r?.strictDKIM == true)
        #expect(r?.strictSPF == false)
        #expect(r?.psd == "n")
        #expect(r?.testing == true)
        #expect(DMARCRecord(txt: Array("p=reject; v=DMARC1".utf8)) == nil)
        #expect(DMARCRecord(txt: Array("v=dmarc1; p=reject".utf8)) == nil)
        #expect(DMARCRecord(txt: Array("v=DMARC1; p=bogus".utf8))?.isApplicable == false)
        #expect(DMARCRecord(txt: Array("v=DMARC1; p=bogus; rua=mailto:a@b.example".utf8))?.isApplicable == true)
    }

    @Test func alignedDKIMPasses() async {
        let r = await Self.evaluate(Self.base, from: ["example.com"], dkim: [Self.dkimPass("example.com")])
        #expect(r.result == .pass)
        #expect(r.dkimAligned)
        #expect(r.policy == .reject)
        #expect(r.disposition == .none)
    }

    @Test func relaxedAlignmentUsesTheOrganizationalDomain() async {
        // RFC 9989 B.4.1: signing.example.com has its own record, example.com is the
        // Organizational Domain of both.
        let r = await Self.evaluate(Self.base, from: ["example.com"], spf: Self.spfPass("bounces.example.com"),
                                    dkim: [Self.dkimPass("signing.example.com")])
        #expect(r.result == .pass)
        #expect(r.dkimAligned && r.spfAligned)
    }

    @Test func strictAlignmentNeedsTheSameDomain() async {
        var zone = Self.base
        zone["_dmarc.example.com"] = [Zone.txt("v=DMARC1; p=reject; adkim=s; aspf=s")]
        let r = await Self.evaluate(zone, from: ["example.com"], spf: Self.spfPass("bounces.example.com"),
                                    dkim: [Self.dkimPass("signing.example.com")])
        #expect(r.result == .fail)
        #expect(r.disposition == .reject)
    }

    @Test func unalignedIdentifiersFail() async {
        let r = await Self.evaluate(Self.base, from: ["example.com"], spf: Self.spfPass("example.net"),
                                    dkim: [Self.dkimPass("example.net"), DKIMVerificationResult(result: .fail, domain: "example.com")])
        #expect(r.result == .fail)
        #expect(r.disposition == .reject)
    }

    @Test func unfinishedChecksLeaveTheResultOpen() async {
        let dkimTemp = DKIMVerificationResult(result: .temperror, reason: "key unavailable", domain: "example.com")
        #expect(await Self.evaluate(Self.base, from: ["example.com"], dkim: [dkimTemp]).result == .temperror)
        let spfTemp = SPFCheckResult(result: .temperror, identity: .mailFrom, sender: "b@example.com", domain: "example.com")
        #expect(await Self.evaluate(Self.base, from: ["example.com"], spf: spfTemp).result == .temperror)
        // An unfinished check of an identifier that could not align changes nothing.
        let unrelated = DKIMVerificationResult(result: .temperror, reason: "key unavailable", domain: "example.net")
        #expect(await Self.evaluate(Self.base, from: ["example.com"], dkim: [unrelated]).result == .fail)
        // Nor does one beside an aligned pass.
        #expect(await Self.evaluate(Self.base, from: ["example.com"], spf: spfTemp, dkim: [Self.dkimPass("example.com")]).result == .pass)
    }

    @Test func heloIdentityDoesNotAlign() async {
        let helo = SPFCheckResult(result: .pass, identity: .helo, sender: "postmaster@example.com", domain: "example.com")
        #expect(await Self.evaluate(Self.base, from: ["example.com"], spf: helo).result == .fail)
    }

    @Test func subdomainPolicyAndNonexistentSubdomains() async {
        let existing = await Self.evaluate(Self.base, from: ["news.example.com"])
        #expect(existing.result == .fail)
        #expect(existing.policyDomain == "example.com")
        #expect(existing.disposition == .quarantine)
        let nonexistent = await Self.evaluate(Self.base, from: ["nowhere.example.com"])
        #expect(nonexistent.disposition == .reject)
        var noNP = Self.base
        noNP["_dmarc.example.com"] = [Zone.txt("v=DMARC1; p=reject")]
        #expect(await Self.evaluate(noNP, from: ["nowhere.example.com"]).disposition == .reject)
    }

    @Test func treeWalkSkipsToSevenLabels() async {
        let dns = SlowDNS(StaticMailAuthDNS(records: Self.base), delay: .zero)
        let r = await DMARCEvaluator(dns: dns).evaluate(authorDomains: ["a.b.c.d.e.f.g.h.i.j.mail.example.com"], spf: nil, dkim: [])
        #expect(r.policyDomain == "example.com")
        let asked = await dns.questions.filter { $0.hasPrefix("_dmarc.") }
        #expect(asked == [
            "_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.com TXT", "_dmarc.g.h.i.j.mail.example.com TXT",
            "_dmarc.h.i.j.mail.example.com TXT", "_dmarc.i.j.mail.example.com TXT", "_dmarc.j.mail.example.com TXT",
            "_dmarc.mail.example.com TXT", "_dmarc.example.com TXT", "_dmarc.com TXT",
        ])
    }

    @Test func psdRecords() async {
        // RFC 9989 B.4.3.
        let zone: [String: [RecordData]] = [
            "_dmarc.bank.example": [Zone.txt("v=DMARC1; p=reject; psd=y")],
            "_dmarc.giant.bank.example": [Zone.txt("v=DMARC1; p=quarantine")],
            "giant.bank.example": [Zone.a("192.0.2.1")],
        ]
        let aligned = await Self.evaluate(zone, from: ["giant.bank.example"], spf: Self.spfPass("mail.giant.bank.example"),
                                          dkim: [Self.dkimPass("mail.mega.bank.example")])
        #expect(aligned.result == .pass)
        #expect(aligned.spfAligned && !aligned.dkimAligned)
        // A domain without its own record falls back to the PSD's.
        let other = await Self.evaluate(zone, from: ["small.bank.example"])
        #expect(other.policyDomain == "bank.example")
        #expect(other.disposition == .reject)
    }

    @Test func testingModeLowersThePolicy() async {
        var zone = Self.base
        zone["_dmarc.example.com"] = [Zone.txt("v=DMARC1; p=reject; t=y")]
        #expect(await Self.evaluate(zone, from: ["example.com"]).disposition == .quarantine)
    }

    @Test func noRecordIsNoneAndDNSFailureTemperror() async {
        #expect(await Self.evaluate([:], from: ["example.org"]).result == .none)
        #expect(await Self.evaluate([:], from: ["example.org"], failing: ["_dmarc.example.org"]).result == .temperror)
        #expect(await Self.evaluate([:], from: []).result == .permerror)
    }

    @Test func multipleAuthorDomainsTakeTheWorst() async {
        var zone = Self.base
        zone["_dmarc.example.org"] = [Zone.txt("v=DMARC1; p=none")]
        let r = await Self.evaluate(zone, from: ["example.org", "example.com"], dkim: [Self.dkimPass("example.org")])
        #expect(r.result == .fail)
        #expect(r.disposition == .reject)
        #expect(r.authorDomains == ["example.org", "example.com"])
    }

    @Test func authorDomainsFromTheHeader() {
        let message = Fixtures.crlf("From: A <a@Example.COM>, b@example.org, c@example.com\nTo: x@y.example\n\nbody\n")
        #expect(DMARCEvaluator.authorDomains(of: message) == ["example.com", "example.org"])
        #expect(DMARCEvaluator.authorDomains(of: Fixtures.crlf("To: x@y.example\n\nbody\n")).isEmpty)
        // U-labels become A-labels (RFC 9989 §5.3.1).
        let idn = Fixtures.crlf("From: b@Bücher.Example\n\nbody\n")
        #expect(DMARCEvaluator.authorDomains(of: idn) == ["xn--bcher-kva.example"])
    }
}
