import Foundation
import Testing
@testable import MailAuth

@Suite struct DKIMSigningTests {
    static let rsa = DKIMSigningKey.rsa(Fixtures.rsaKey)
    static let ed = DKIMSigningKey.ed25519(Fixtures.ed25519Key)
    static let records = [
        "default._domainkey.example.com": Fixtures.record(for: rsa),
        "ed25519._domainkey.example.com": Fixtures.record(for: ed),
    ]

    static func verify(_ message: [UInt8]) -> [DKIMVerificationResult] {
        DKIMVerifier().verify(message, lookup: Fixtures.lookup(records))
    }

    static func signers(_ canonicalization: DKIMCanonicalizationPair = .relaxedRelaxed) -> [DKIMSigner] {
        var rsaSigner = DKIMSigner(domain: "example.com", selector: "default", key: rsa)
        var edSigner = DKIMSigner(domain: "example.com", selector: "ed25519", key: ed)
        rsaSigner.canonicalization = canonicalization
        edSigner.canonicalization = canonicalization
        return [rsaSigner, edSigner]
    }

    @Test(arguments: [DKIMCanonicalizationPair.relaxedRelaxed, .simpleSimple,
                      DKIMCanonicalizationPair(header: .relaxed, body: .simple)])
    func roundTripWithRSAAndEd25519(canonicalization: DKIMCanonicalizationPair) throws {
        let signed = try DKIMSigner.sign(Fixtures.crlf(Fixtures.sampleMessage), with: Self.signers(canonicalization))
        let results = Self.verify(signed)
        #expect(results.map(\.result) == [.pass, .pass])
        #expect(results.map(\.algorithm) == [.rsaSHA256, .ed25519SHA256])
        #expect(results.allSatisfy { $0.domain == "example.com" })
    }

    @Test func signatureFieldShape() throws {
        let signer = Self.signers()[0]
        let field = try signer.signatureField(for: Fixtures.crlf(Fixtures.sampleMessage), at: Date(timeIntervalSince1970: 1_750_000_000))
        #expect(field.hasPrefix("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\r\n s=default;"))
        #expect(field.contains("t=1750000000;"))
        // Present fields once each, From once more; X-Mailer is not signed.
        let unfolded = field.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("h=from:from:subject:date:message-id:to:cc:mime-version:content-type;"))
        #expect(!unfolded.contains("x-mailer"))
        // Folded at 78 columns, CRLF only, b= last on its own lines.
        let lines = field.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.count <= 78 })
        #expect(field.hasSuffix("\r\n") && !field.hasSuffix("\r\n\r\n"))
        #expect(lines.contains { $0.hasPrefix(" b=") })
        #expect(!field.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func signingIsDeterministicForTheRFC8463Key() throws {
        // RSASSA-PKCS1-v1_5 and Ed25519 are deterministic: same input, same b=.
        let key = try DKIMKeyPEM.decode(Fixtures.rfc8463RSAPrivateKey)
        let signer = DKIMSigner(domain: "football.example.com", selector: "test", key: key)
        let message = Fixtures.crlf(Fixtures.rfc8463UnsignedMessage)
        let time = Date(timeIntervalSince1970: 1_528_637_909)
        let first = try signer.signatureField(for: message, at: time)
        #expect(try signer.signatureField(for: message, at: time) == first)
        #expect(first.contains("bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="))
        let signed = Array(first.utf8) + message
        #expect(DKIMVerifier().verify(signed, lookup: Fixtures.rfc8463Lookup).map(\.result) == [.pass])
    }

    @Test func ed25519KeyFromRFC8032VectorMatchesThePublishedRecord() throws {
        let secret = try #require(Data(base64Encoded: Fixtures.rfc8463Ed25519Secret))
        let key = DKIMSigningKey.ed25519(try .init(rawRepresentation: secret))
        #expect(key.publicKeyBase64 == "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
    }

    @Test func tamperedMessagesFail() throws {
        let signed = Fixtures.string(try DKIMSigner.sign(Fixtures.crlf(Fixtures.sampleMessage), with: Self.signers()))

        let subject = signed.replacingOccurrences(of: "Quarterly figures", with: "Quarterly Figures")
        #expect(Self.verify(Array(subject.utf8)).map(\.result) == [.fail, .fail])

        let body = signed.replacingOccurrences(of: "attached", with: "enclosed")
        #expect(Self.verify(Array(body.utf8)).map(\.reason) == ["body hash did not verify", "body hash did not verify"])

        // Oversigned From: a second From field breaks the signature wherever it goes.
        let addedFrom = "From: Mallory <mallory@example.net>\r\n" + signed
        #expect(Self.verify(Array(addedFrom.utf8)).map(\.result) == [.fail, .fail])
        let appendedFrom = signed.replacingOccurrences(of: "X-Mailer: test\r\n", with: "X-Mailer: test\r\nFrom: m@example.net\r\n")
        #expect(Self.verify(Array(appendedFrom.utf8)).map(\.result) == [.fail, .fail])

        // Unsigned fields may be added.
        let received = "Received: from relay.example.net\r\n" + signed
        #expect(Self.verify(Array(received.utf8)).map(\.result) == [.pass, .pass])
    }

    @Test func simpleCanonicalizationRejectsWhitespaceChanges() throws {
        let signed = Fixtures.string(try DKIMSigner.sign(Fixtures.crlf(Fixtures.sampleMessage), with: Self.signers(.simpleSimple)))
        let respaced = signed.replacingOccurrences(of: "Subject: Quarterly", with: "Subject:  Quarterly")
        #expect(Self.verify(Array(respaced.utf8)).map(\.result) == [.fail, .fail])
        // Empty lines at the end of the body are ignored even by simple.
        #expect(Self.verify(Array((signed + "\r\n\r\n").utf8)).map(\.result) == [.pass, .pass])
    }

    @Test func bareLineFeedMessagesAreSignedAsCRLF() throws {
        let lf = Fixtures.bytes(Fixtures.sampleMessage)
        let signed = try DKIMSigner.sign(lf, with: Self.signers())
        // The output keeps the file's LF style …
        #expect(!signed.contains(0x0D))
        #expect(Self.verify(signed).map(\.result) == [.pass, .pass])
        // … and verifies once sent with CRLF.
        #expect(Self.verify(LineEndings.crlfNormalized(signed)).map(\.result) == [.pass, .pass])
    }

    @Test func foldedAndMixedCaseHeadersAreSigned() throws {
        let message = Fixtures.crlf("""
            FROM: a@example.com
            subject: a very long subject that goes on
             and on, folded
            To: b@example.org,
            \tc@example.org

            body
            """)
        let signed = try DKIMSigner.sign(message, with: Self.signers())
        #expect(Self.verify(signed).map(\.result) == [.pass, .pass])
        let refolded = Fixtures.string(signed).replacingOccurrences(of: "goes on\r\n and on", with: "goes on and\r\n\ton")
        #expect(Self.verify(Array(refolded.utf8)).map(\.result) == [.pass, .pass])
    }

    @Test func bodyLengthTag() throws {
        var signer = Self.signers()[1]
        signer.signsBodyLength = true
        let signed = try signer.sign(Fixtures.crlf(Fixtures.sampleMessage))
        let clean = Self.verify(signed)[0]
        #expect(clean.result == .pass && clean.unsignedBodyOctets == 0)

        let appended = Self.verify(signed + Fixtures.bytes("P.S. unsigned text\r\n"))[0]
        #expect(appended.result == .pass)
        #expect(appended.unsignedBodyOctets == 20)

        let text = Fixtures.string(signed)
        let truncated = Array(text.replacingOccurrences(of: "Alice\r\n", with: "").utf8)
        let short = Self.verify(truncated)[0]
        #expect(short.result == .permerror && short.reason == "body shorter than l= says")
    }

    @Test func messageWithoutFromOrBody() throws {
        let signed = try DKIMSigner.sign(Fixtures.crlf("Subject: nothing\n"), with: Self.signers())
        let results = Self.verify(signed)
        #expect(results.map(\.result) == [.pass, .pass])
        let field = Fixtures.string(signed).replacingOccurrences(of: "\r\n ", with: "")
        #expect(field.contains("h=from:subject;"))
    }

    @Test func invalidSignerSettings() {
        var signer = Self.signers()[0]
        signer.domain = "not a domain"
        #expect(throws: DKIMSigningError.invalidDomain("not a domain")) { try signer.sign(Fixtures.bytes("From: a@b.c\n\n")) }
        signer.domain = "example.com"
        signer.selector = "../etc"
        #expect(throws: DKIMSigningError.invalidSelector("../etc")) { try signer.sign(Fixtures.bytes("From: a@b.c\n\n")) }
    }
}
