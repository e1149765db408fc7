import Crypto
import Foundation
import Testing
@testable import MailAuth

@Suite struct DKIMVerificationTests {
    static let t2018 = Date(timeIntervalSince1970: 1_528_637_909)

    @Test func rfc8463ExampleVerifiesWithBothAlgorithms() {
        let results = DKIMVerifier().verify(Fixtures.rfc8463SignedMessage, at: Self.t2018, lookup: Fixtures.rfc8463Lookup)
        #expect(results.map(\.result) == [.pass, .pass])
        #expect(results.map(\.algorithm) == [.ed25519SHA256, .rsaSHA256])
        #expect(results.map(\.selector) == ["brisbane", "test"])
        #expect(results[0].authenticationResultsFragment
            == "dkim=pass header.d=football.example.com header.i=@football.example.com header.s=brisbane header.a=ed25519-sha256 header.b=\"/gCrinpc\"")
    }

    @Test func rfc8463ExampleBodyHash() {
        let body = DKIMMessage(Fixtures.crlf(Fixtures.rfc8463UnsignedMessage)).body
        let hash = SHA256.hash(data: DKIMBodyCanonicalizer.canonicalize(body, .relaxed))
        #expect(Data(hash).base64EncodedString() == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=")
    }

    @Test func rfc8463ExampleWithBareLineFeeds() {
        let lf = Array(Fixtures.string(Fixtures.rfc8463SignedMessage).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let results = DKIMVerifier().verify(lf, at: Self.t2018, lookup: Fixtures.rfc8463Lookup)
        #expect(results.map(\.result) == [.pass, .pass])
    }

    @Test func rfc8463ExampleTampered() {
        let text = Fixtures.string(Fixtures.rfc8463SignedMessage)
        let header = Array(text.replacingOccurrences(of: "Is dinner ready?", with: "Is dinner ready!").utf8)
        let headerResults = DKIMVerifier().verify(header, lookup: Fixtures.rfc8463Lookup)
        #expect(headerResults.map(\.result) == [.fail, .fail])
        #expect(headerResults.allSatisfy { $0.reason == "signature did not verify" })

        let body = Array(text.replacingOccurrences(of: "We lost", with: "We won").utf8)
        let bodyResults = DKIMVerifier().verify(body, lookup: Fixtures.rfc8463Lookup)
        #expect(bodyResults.map(\.result) == [.fail, .fail])
        #expect(bodyResults.allSatisfy { $0.reason == "body hash did not verify" })

        // Whitespace changes are what relaxed canonicalization tolerates.
        let respaced = Array(text.replacingOccurrences(of: "Subject: Is", with: "Subject:   Is").replacingOccurrences(of: "Hi.", with: "Hi.  ").utf8)
        #expect(DKIMVerifier().verify(respaced, lookup: Fixtures.rfc8463Lookup).map(\.result) == [.pass, .pass])
    }

    @Test func keyProblems() {
        let message = Fixtures.rfc8463SignedMessage
        func results(_ records: [String: String]) -> [DKIMVerificationResult] {
            DKIMVerifier().verify(message, lookup: Fixtures.lookup(records))
        }
        let ed = "brisbane._domainkey.football.example.com", rsa = "test._domainkey.football.example.com"
        let edRecord = Fixtures.rfc8463Records[ed]![0], rsaRecord = Fixtures.rfc8463Records[rsa]![0]

        let missing = results([:])
        #expect(missing.map(\.result) == [.permerror, .permerror])
        #expect(missing[0].reason == "no key for signature")

        let revoked = results([ed: "v=DKIM1; k=ed25519; p=", rsa: rsaRecord])
        #expect(revoked.map(\.result) == [.permerror, .pass])
        #expect(revoked[0].reason == "key revoked")

        let swapped = results([ed: rsaRecord, rsa: edRecord])
        #expect(swapped.map(\.reason) == ["inappropriate key algorithm", "inappropriate key algorithm"])

        let sha1Only = results([ed: edRecord, rsa: rsaRecord.replacingOccurrences(of: "k=rsa;", with: "k=rsa; h=sha1;")])
        #expect(sha1Only[1].result == .permerror && sha1Only[1].reason == "inappropriate hash algorithm")

        let garbage = results([ed: "hello world", rsa: "v=DKIM1; k=rsa; p=AAAA"])
        #expect(garbage.map(\.result) == [.permerror, .permerror])
        #expect(garbage[1].reason == "p= is not an RSA public key")

        let temporary = DKIMVerifier().verify(message) { _ in .temporaryFailure("timeout") }
        #expect(temporary.map(\.result) == [.temperror, .temperror])
    }

    @Test func strictKeyRefusesSubdomainIdentity() throws {
        let key = DKIMSigningKey.ed25519(Fixtures.ed25519Key)
        var signer = DKIMSigner(domain: "example.com", selector: "s1", key: key)
        signer.identity = "alice@mail.example.com"
        let signed = try signer.sign(Fixtures.crlf(Fixtures.sampleMessage))
        let name = "s1._domainkey.example.com"
        #expect(DKIMVerifier().verify(signed, lookup: Fixtures.lookup([name: Fixtures.record(for: key)])).first?.result == .pass)
        let strict = DKIMVerifier().verify(signed, lookup: Fixtures.lookup([name: Fixtures.record(for: key, extra: " t=s;")]))
        #expect(strict.first?.result == .permerror)
    }

    @Test func testingKeyFailureIsNeutral() throws {
        let key = DKIMSigningKey.ed25519(Fixtures.ed25519Key)
        let signer = DKIMSigner(domain: "example.com", selector: "s1", key: key)
        var signed = try signer.sign(Fixtures.crlf(Fixtures.sampleMessage))
        signed += Fixtures.bytes("tampered\r\n")
        let lookup = Fixtures.lookup(["s1._domainkey.example.com": Fixtures.record(for: key, extra: " t=y;")])
        let result = DKIMVerifier().verify(signed, lookup: lookup)[0]
        #expect(result.result == .neutral)
        #expect(result.keyIsTesting)
    }

    @Test func expiredSignature() throws {
        let key = DKIMSigningKey.ed25519(Fixtures.ed25519Key)
        var signer = DKIMSigner(domain: "example.com", selector: "s1", key: key)
        signer.signatureLifetime = 3600
        let signedAt = Date(timeIntervalSince1970: 1_700_000_000)
        let signed = try signer.sign(Fixtures.crlf(Fixtures.sampleMessage), at: signedAt)
        let lookup = Fixtures.lookup(["s1._domainkey.example.com": Fixtures.record(for: key)])
        #expect(DKIMVerifier().verify(signed, at: signedAt.addingTimeInterval(60), lookup: lookup)[0].result == .pass)
        let late = DKIMVerifier().verify(signed, at: signedAt.addingTimeInterval(7200), lookup: lookup)[0]
        #expect(late.result == .permerror && late.reason == "signature expired")
    }

    @Test func rsaSHA1IsRefused() {
        let bh = String(repeating: "A", count: 27) + "="
        let message = Fixtures.crlf("DKIM-Signature: v=1; a=rsa-sha1; d=example.com; s=old; h=from; bh=\(bh); b=AAAA\nFrom: a@example.com\n\nx\n")
        let result = DKIMVerifier().verify(message) { _ in .notFound }[0]
        #expect(result.result == .permerror)
        #expect(result.reason == "rsa-sha1 is not acceptable (RFC 8301)")
    }

    @Test func malformedSignatureIsPermerrorAndStillNamed() {
        let message = Fixtures.crlf("DKIM-Signature: v=1; d=example.com; s=sel; h=from; b=AAAA\nFrom: a@example.com\n\nx\n")
        let results = DKIMVerifier().verify(message) { _ in .notFound }
        #expect(results.count == 1)
        #expect(results[0].result == .permerror)
        #expect(results[0].reason == "signature missing required tag a=")
        #expect(results[0].domain == "example.com" && results[0].selector == "sel")
        #expect(results[0].authenticationResultsFragment
            == "dkim=permerror reason=\"signature missing required tag a=\" header.d=example.com header.s=sel")
    }

    @Test func unsignedMessageHasNoResults() {
        let results = DKIMVerifier().verify(Fixtures.crlf(Fixtures.sampleMessage)) { _ in .notFound }
        #expect(results.isEmpty)
        #expect(AuthenticationResults.dkimFragments(results) == ["dkim=none"])
    }

    @Test func signatureCountIsBounded() {
        let one = "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA\n"
        let message = Fixtures.crlf(String(repeating: one, count: 50) + "From: a@example.com\n\nx\n")
        #expect(DKIMVerifier().verify(message) { _ in .notFound }.count == DKIMVerifier().maximumSignatures)
    }

    @Test func asyncFetcherVerifies() async {
        let fetcher = StaticDKIMKeyFetcher(records: Fixtures.rfc8463Records)
        let results = await DKIMVerifier().verify(Fixtures.rfc8463SignedMessage, fetcher: fetcher)
        #expect(results.map(\.result) == [.pass, .pass])
    }

    actor QueryLog {
        var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    struct LoggingFetcher: DKIMKeyFetcher {
        let log = QueryLog()
        func lookUpTXT(_ name: String) async -> DKIMKeyLookup {
            await log.add(name)
            return Fixtures.rfc8463Lookup(name)
        }
    }

    @Test func asyncFetcherQueriesEachNeededKeyOnce() async {
        let sha1 = "DKIM-Signature: v=1; a=rsa-sha1; d=old.example; s=s; h=from; bh=\(String(repeating: "A", count: 27))=; b=AAAA\r\n"
        let message = Fixtures.bytes(sha1) + Fixtures.rfc8463SignedMessage
        let fetcher = LoggingFetcher()
        let results = await DKIMVerifier().verify(message, fetcher: fetcher, at: Self.t2018)
        #expect(results.map(\.result) == [.permerror, .pass, .pass])
        // Fetched concurrently: in any order.
        #expect(await fetcher.log.names.sorted() == ["brisbane._domainkey.football.example.com", "test._domainkey.football.example.com"])
    }

    @Test func authenticationResultsField() {
        let field = AuthenticationResults.field(authservID: "mx.example.org", fragments: ["dkim=pass header.d=a.example", "dkim=fail"])
        #expect(field == "Authentication-Results: mx.example.org;\r\n dkim=pass header.d=a.example;\r\n dkim=fail\r\n")
        #expect(AuthenticationResults.field(authservID: "mx", fragments: []) == "Authentication-Results: mx; none\r\n")
    }
}
