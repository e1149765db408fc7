import DNS
import Directory
import Foundation
import Testing
@testable import Administration

/// Issue 22: `postino check`'s DNS verdicts, quota display, relay TLS words, domain rules.
@Suite struct DayOneTests {
    typealias Q = DNSLookupResults.Question

    static let key = DKIMKeyRow(domain: "example.test", selector: "default", key_type: "rsa",
                                name: "default._domainkey.example.test", value: "v=DKIM1; k=rsa; p=ABCD",
                                zone_file_line: "default._domainkey.example.test. IN TXT \"v=DKIM1; k=rsa; p=ABCD\"")

    static func checks(dkimSigning: Bool = true) -> DNSChecks {
        DNSChecks(hostname: "mail.example.test",
                  domains: [.init(name: "example.test", dkimSigning: dkimSigning, dkimRecords: [key])],
                  publicIP: IPAddress("192.0.2.7"))
    }

    static func txt(_ text: String) -> DNSLookupResults.Outcome { .records([.txt(TXTRecord(text: text))]) }

    static var goodZone: DNSLookupResults {
        DNSLookupResults([
            Q("mail.example.test", .a): .records([.a(IPv4Address("192.0.2.7")!)]),
            Q("mail.example.test", .aaaa): .absent,
            Q("7.2.0.192.in-addr.arpa", .ptr): .records([.ptr(DNSName("mail.example.test.")!)]),
            Q("example.test", .mx): .records([.mx(MXRecord(preference: 10, exchange: DNSName("mail.example.test.")!))]),
            Q("example.test", .txt): txt("v=spf1 mx -all"),
            Q("default._domainkey.example.test", .txt): txt("v=DKIM1; k=rsa; p=AB CD"),
            Q("_dmarc.example.test", .txt): txt("v=DMARC1; p=reject"),
            Q("_mta-sts.example.test", .txt): .absent,
            Q("_smtp._tls.example.test", .txt): .absent,
        ])
    }

    @Test func aCorrectZoneHasNoFailure() {
        let findings = Self.checks().findings(Self.goodZone)
        #expect(findings.allWell, "\(findings.map(\.line))")
        #expect(findings.filter { $0.level == .optional }.count == 2)  // MTA-STS, TLS-RPT
        #expect(Self.checks().questions.count == 9)
    }

    @Test func eachBrokenRecordIsOneFailureWithItsFix() {
        var zone = Self.goodZone
        zone.outcomes[Q("example.test", .mx)] = .records([.mx(MXRecord(preference: 10, exchange: DNSName("other.example.")!))])
        zone.outcomes[Q("default._domainkey.example.test", .txt)] = Self.txt("v=DKIM1; k=rsa; p=OTHER")
        zone.outcomes[Q("_dmarc.example.test", .txt)] = .absent
        zone.outcomes[Q("7.2.0.192.in-addr.arpa", .ptr)] = .records([.ptr(DNSName("host.provider.example.")!)])
        let failures = Self.checks().findings(zone).filter { $0.level == .fail }
        #expect(failures.count == 4)
        #expect(failures.contains { $0.fix == "publish example.test. IN MX 10 mail.example.test." })
        #expect(failures.contains { $0.fix == "publish \(Self.key.zone_file_line)" })
        #expect(failures.contains { $0.message == "example.test has no DMARC record" }, "\(failures.map(\.line))")
        #expect(failures.contains { $0.message.hasPrefix("PTR of 192.0.2.7 is host.provider.example") })
    }

    @Test func unansweredQuestionsPrintTheRecordsToPublish() {
        let findings = Self.checks().findings(DNSLookupResults())
        #expect(!findings.allWell)
        #expect(findings.contains { $0.message.hasPrefix("MX of example.test: cannot check") && $0.fix == "publish example.test. IN MX 10 mail.example.test." })
        #expect(findings.contains { $0.fix == "publish example.test. IN TXT \"v=spf1 mx -all\"" })
    }

    @Test func dkimSigningOffIsAWarning() {
        let findings = Self.checks(dkimSigning: false).findings(Self.goodZone)
        #expect(findings.allWell)
        #expect(findings.contains { $0.level == .warning && $0.fix?.contains("--dkim on") == true })
    }

    @Test func twoSPFRecordsAreAnError() {
        var zone = Self.goodZone
        zone.outcomes[Q("example.test", .txt)] = .records([.txt(TXTRecord(text: "v=spf1 mx -all")), .txt(TXTRecord(text: "v=spf1 a -all"))])
        #expect(!Self.checks().findings(zone).allWell)
    }

    @Test func shortHostnameFails() {
        #expect(Administration.hostnameFindings("vm").first?.level == .fail)
        #expect(Administration.hostnameFindings("mail.example.com").first?.level == .ok)
    }

    @Test func certificateNamesMatchOneLabelWildcards() {
        #expect(TLSCertificateCheck.matches("*.example.com", "mail.example.com"))
        #expect(!TLSCertificateCheck.matches("*.example.com", "a.mail.example.com"))
        #expect(TLSCertificateCheck.matches("mail.example.com", "MAIL.example.com"))
    }

    @Test(arguments: [(Int64(0), "0"), (1000, "1000"), (515_234, "503K"), (1_572_864, "1.5M"), (100 << 20, "100M"),
                      (10_480_000, "10M"), (3 << 30, "3G")])
    func usageIsShownInQuotaUnits(bytes: Int64, text: String) {
        #expect(SizeDisplay.approximate(bytes) == text)
    }

    @Test func relayTLSWords() throws {
        #expect(try RelayTLSWord.mode("may") == .opportunistic)
        #expect(try RelayTLSWord.mode("starttls") == .required)
        for mode in RelayTarget.TLSMode.allCases { #expect(try RelayTLSWord.mode(RelayTLSWord.word(for: mode)) == mode) }
        #expect(throws: AdminError.self) { try RelayTLSWord.mode("yes") }
    }

    @Test func domainRules() throws {
        let admin = try makeAdministration()
        #expect(adminError { try admin.addDomain("example") }?.message.contains("--allow-single-label") == true)
        #expect(adminError { try admin.addDomain("not_a_domain!") }?.message.contains("--allow-single-label") == false)
        try admin.addDomain("example", allowSingleLabel: true)
        try admin.addDomain("example.com")
        try admin.addAddress("info@example.com", destinations: [AdminInput.destination("x@other.example")])
        let refusal = adminError { try admin.removeDomain("example.com") }
        #expect(refusal?.kind == .conflict)
        #expect(refusal?.message.contains("info@example.com") == true)
        try admin.removeDomain("example.com", force: true)
        #expect(try admin.domains().map(\.name) == ["example"])

        let relay = try admin.addDomain("relay.example", relayTo: AdminInput.relayTarget("mx.backend.example:2525", tls: "implicit"))
        #expect(relay.relay_tls == "implicit")
        var changes = DomainChanges()
        changes.relay = .some(try AdminInput.relayTarget("mx.backend.example", tls: nil))
        #expect(try admin.updateDomain("relay.example", changes).relay_tls == "may")
    }
}

@Suite struct LocalNetworkTests {
    @Test(arguments: [("8.8.8.8", true), ("10.1.2.3", false), ("192.168.1.1", false), ("172.20.0.1", false),
                      ("100.64.0.1", false), ("192.0.2.2", false), ("127.0.0.1", false), ("2a00:1450::1", true),
                      ("fd00::1", false), ("fe80::1", false), ("2001:db8::1", false), ("::1", false)])
    func publicAddresses(address: String, isPublic: Bool) {
        #expect(LocalNetwork.isPublic(IPAddress(address)!) == isPublic)
    }
}
