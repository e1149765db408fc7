import Testing
@testable import MailAuth

@Suite struct AuthenticationResultsTests {
    @Test func authservIDParsing() {
        #expect(AuthenticationResults.authservID(ofFieldValue: "mx.example.org; spf=pass") == "mx.example.org")
        #expect(AuthenticationResults.authservID(ofFieldValue: " (comment) MX.Example.org 1 (v) ; none") == "MX.Example.org")
        #expect(AuthenticationResults.authservID(ofFieldValue: "\"mx.example.org\"; dkim=pass") == "mx.example.org")
        #expect(AuthenticationResults.authservID(ofFieldValue: "mx.example.org;\r\n dkim=pass") == "mx.example.org")
        #expect(AuthenticationResults.authservID(ofFieldValue: "  ; none") == nil)
    }

    @Test func removesOnlyFieldsClaimingOurID() {
        let message = Fixtures.crlf("""
            Authentication-Results: MX.example.org; spf=pass
             smtp.mailfrom=forged@example.com
            Received: from somewhere
            Authentication-Results: other.example.net; dkim=pass
            authentication-results: (forged) mx.example.org; dmarc=pass
            From: a@example.com

            Authentication-Results: mx.example.org; in the body stays
            """)
        let (cleaned, removed) = AuthenticationResults.removingFields(claiming: "mx.example.org", from: message)
        #expect(removed == 2)
        #expect(Fixtures.string(cleaned) == Fixtures.string(Fixtures.crlf("""
            Received: from somewhere
            Authentication-Results: other.example.net; dkim=pass
            From: a@example.com

            Authentication-Results: mx.example.org; in the body stays
            """)))
    }

    @Test func fragments() {
        let spf = SPFCheckResult(result: .pass, identity: .mailFrom, sender: "alice@example.com", domain: "example.com")
        #expect(AuthenticationResults.spfFragment(spf) == "spf=pass smtp.mailfrom=alice@example.com")
        let helo = SPFCheckResult(result: .permerror, identity: .helo, sender: "postmaster@mx.example.com",
                                  domain: "mx.example.com", reason: "two records")
        #expect(AuthenticationResults.spfFragment(helo) == "spf=permerror reason=\"two records\" smtp.helo=mx.example.com")
        let dmarc = DMARCEvaluation(result: .fail, authorDomains: ["example.com"], policyDomain: "example.com",
                                    policy: .reject, disposition: .reject)
        #expect(AuthenticationResults.dmarcFragment(dmarc) == "dmarc=fail (p=reject dis=reject) header.from=example.com")
        #expect(AuthenticationResults.dmarcFragment(DMARCEvaluation(result: .none, authorDomains: ["example.org"]))
            == "dmarc=none header.from=example.org")
    }
}
