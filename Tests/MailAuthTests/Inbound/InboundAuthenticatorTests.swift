import DNS
import Foundation
import Testing
@testable import MailAuth

@Suite struct InboundAuthenticatorTests {
    static let ed = DKIMSigningKey.ed25519(Fixtures.ed25519Key)

    /// example.com publishes SPF, DMARC p=reject and an Ed25519 key.
    static var zone: StaticMailAuthDNS {
        var zone = StaticMailAuthDNS()
        zone.addTXT("example.com", "v=spf1 ip4:192.0.2.0/24 -all")
        zone.add("example.com", Zone.a("192.0.2.1"))
        zone.addTXT("_dmarc.example.com", "v=DMARC1; p=reject")
        zone.addTXT("ed._domainkey.example.com", Fixtures.record(for: ed))
        return zone
    }

    static func signed(_ text: String = Fixtures.sampleMessage, lengthLimited: Bool = false) throws -> [UInt8] {
        var signer = DKIMSigner(domain: "example.com", selector: "ed", key: ed)
        signer.signsBodyLength = lengthLimited
        return try signer.sign(Fixtures.crlf(text))
    }

    /// The default timeout is long: these answers come from memory, and a loaded parallel
    /// test run (1,400 tests on 2 cores) has starved tasks for over 9 s. Only the test
    /// about timeouts sets a short one.
    static func check(_ message: [UInt8], ip: String? = "192.0.2.10", from: String = "alice@example.com",
                      dns: any MailAuthDNS = zone, noNetwork: Bool = false,
                      timeout: Duration = .seconds(120)) async -> InboundAuthenticationReport {
        await InboundAuthenticator(dns: dns, timeout: timeout, noNetwork: noNetwork)
            .check(message: message, clientIP: ip, helo: "mail.example.com", mailFrom: from, authservID: "mx.example.org")
    }

    static func names(_ report: InboundAuthenticationReport) -> [String] { report.symbols.map(\.name) }

    @Test func authenticMessagePassesEverything() async throws {
        let report = await Self.check(try Self.signed())
        #expect(report.spf.result == .pass)
        #expect(report.dkim.map(\.result) == [.pass])
        #expect(report.dmarc.result == .pass)
        #expect(report.arc.result == .none)
        #expect(Self.names(report) == ["SPF_PASS", "DKIM_VALID", "DMARC_PASS", "ARC_NONE"])
        #expect(report.dmarcPolicy == .none)
        #expect(report.dmarcAction(.reject) == .deliver)
        let lines = report.authenticationResultsField.components(separatedBy: "\r\n")
        #expect(lines[0] == "Authentication-Results: mx.example.org;")
        #expect(lines[1] == " spf=pass smtp.mailfrom=alice@example.com;")
        #expect(lines[2].hasPrefix(" dkim=pass header.d=example.com header.s=ed header.a=ed25519-sha256 header.b="))
        #expect(lines[3] == " dmarc=pass (p=reject dis=none) header.from=example.com;")
        #expect(lines[4] == " arc=none")
    }

    @Test func forgedMessageFailsDMARCWithReject() async {
        let report = await Self.check(Fixtures.crlf(Fixtures.sampleMessage), ip: "203.0.113.5")
        #expect(report.spf.result == .fail)
        #expect(report.dmarc.result == .fail)
        #expect(report.dmarcPolicy == .reject)
        #expect(Self.names(report) == ["SPF_FAIL", "DKIM_NONE", "DMARC_REJECT", "ARC_NONE"])
        #expect(report.dmarcAction(.off) == .deliver)
        #expect(report.dmarcAction(.junk) == .junk)
        #expect(report.dmarcAction(.reject) == .reject)
    }

    @Test func tamperedAndLengthLimitedSignatures() async throws {
        let tampered = Array(Fixtures.string(try Self.signed()).replacingOccurrences(of: "Regards", with: "Cheers").utf8)
        let bad = await Self.check(tampered, ip: "203.0.113.5")
        #expect(Self.names(bad).contains("DKIM_INVALID"))
        #expect(bad.dkim.first?.reason == "body hash did not verify")

        var extended = try Self.signed(lengthLimited: true)
        extended += Array("Click here: http://phish.example/\r\n".utf8)
        let limited = await Self.check(extended)
        #expect(Self.names(limited).contains("DKIM_VALID"))
        #expect(Self.names(limited).contains("DKIM_UNSIGNED_CONTENT"))
    }

    @Test func clientAddressForms() {
        #expect(InboundAuthenticator.address("192.0.2.1") == Zone.ip("192.0.2.1"))
        #expect(InboundAuthenticator.address("[IPv6:2001:db8::1]") == Zone.ip("2001:db8::1"))
        #expect(InboundAuthenticator.address("[192.0.2.1]") == Zone.ip("192.0.2.1"))
        #expect(InboundAuthenticator.address("mail.example.com") == nil)
    }

    @Test func connectorMailHasNoSPF() async throws {
        let report = await Self.check(try Self.signed(), ip: nil)
        #expect(report.spf.result == .none)
        #expect(report.dkim.map(\.result) == [.pass])
        #expect(report.dmarc.result == .pass)
    }

    @Test func noNetworkGivesNoneForEach() async throws {
        let dns = SlowDNS(Self.zone, delay: .zero)
        let report = await Self.check(try Self.signed(), dns: dns, noNetwork: true)
        #expect(report.spf.result == .none)
        #expect(report.dkim.isEmpty)
        #expect(report.dmarc.result == .none)
        #expect(report.arc.result == .none)
        #expect(await dns.questions.isEmpty)
    }

    @Test func dnsFailuresAreTemperror() async throws {
        var zone = Self.zone
        zone.fail("example.com")
        zone.fail("ed._domainkey.example.com")
        zone.fail("_dmarc.example.com")
        let report = await Self.check(try Self.signed(), dns: zone)
        #expect(report.spf.result == .temperror)
        #expect(report.dkim.map(\.result) == [.temperror])
        #expect(report.dmarc.result == .temperror)
        #expect(Self.names(report) == ["SPF_TEMPERROR", "DKIM_TEMPERROR", "DMARC_TEMPERROR", "ARC_NONE"])
    }

    @Test func slowDNSIsCutAtTheTimeout() async throws {
        let started = ContinuousClock.now
        // The server would answer after 10 minutes; only a timeout that is ignored
        // altogether takes anywhere near that, however loaded the machine.
        let report = await Self.check(try Self.signed(), dns: SlowDNS(Self.zone, delay: .seconds(600)),
                                      timeout: .milliseconds(300))
        #expect(ContinuousClock.now - started < .seconds(60))
        #expect(report.timedOut)
        #expect(report.spf.result == .temperror)
        #expect(report.dmarc.result == .temperror)
    }

    @Test func lookupsRunConcurrently() async throws {
        // SPF's TXT record, the DKIM key and the DMARC record are asked for at once: one
        // after the other would take at least 3 s. The count of lookups in flight at once
        // shows it, whatever the machine's load does to the clock.
        let dns = SlowDNS(Self.zone, delay: .seconds(1))
        let report = await Self.check(try Self.signed(), dns: dns)
        #expect(report.dmarc.result == .pass)
        #expect(await dns.mostInFlight >= 3)
    }

    @Test func applyingReplacesForgedHeaders() async throws {
        let forged = Array("Authentication-Results: mx.example.org; dkim=pass header.d=bank.example\r\n".utf8) + (try Self.signed())
        let report = await Self.check(forged)
        let delivered = Fixtures.string(report.applying(to: forged))
        #expect(delivered.hasPrefix("Authentication-Results: mx.example.org;\r\n spf=pass"))
        #expect(delivered.components(separatedBy: "Authentication-Results:").count == 2)
        #expect(!delivered.contains("bank.example"))
    }
}
