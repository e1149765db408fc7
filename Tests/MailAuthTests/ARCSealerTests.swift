import Foundation
import Testing
@testable import MailAuth

@Suite struct ARCSealerTests {
    static let key = DKIMSigningKey.ed25519(Fixtures.ed25519Key)
    static let sealer = ARCSealer(domain: "relay.example", selector: "arc", key: key)
    static let fetcher = StaticDKIMKeyFetcher(records: [
        "arc._domainkey.relay.example": [Fixtures.record(for: key)],
        "arc._domainkey.forwarder.example": [ARCTests.key],
        "arc._domainkey.list.example": [ARCTests.key],
    ])

    static func verify(_ message: [UInt8]) async -> ARCVerificationResult {
        await ARCVerifier().verify(message, fetcher: fetcher)
    }

    static func seal(_ message: [UInt8]) async throws -> [UInt8] {
        let chain = await verify(message)
        return try sealer.seal(message, chain: chain, authenticationResults: "relay.example;\r\n spf=pass smtp.mailfrom=a@example.com")
    }

    @Test func firstSealPassesAndSaysCVNone() async throws {
        let sealed = try await Self.seal(Fixtures.crlf(Fixtures.sampleMessage))
        let text = Fixtures.string(sealed)
        #expect(text.hasPrefix("ARC-Seal: i=1; cv=none; a=ed25519-sha256; d=relay.example; s=arc;"))
        #expect(text.contains("\r\nARC-Authentication-Results: i=1; relay.example;\r\n spf=pass smtp.mailfrom=a@example.com\r\n"))
        let result = await Self.verify(sealed)
        #expect(result.result == .pass)
        #expect(result.instances == 1)
    }

    @Test func sealsChainOnChain() async throws {
        let twice = try await Self.seal(try await Self.seal(Fixtures.crlf(Fixtures.sampleMessage)))
        #expect(Fixtures.string(twice).hasPrefix("ARC-Seal: i=2; cv=pass;"))
        #expect(await Self.verify(twice).result == .pass)
        // On top of dkimpy's two-hop chain: instance 3.
        let third = try await Self.seal(Fixtures.crlf(ARCTests.chain))
        let result = await Self.verify(third)
        #expect(result.result == .pass)
        #expect(result.sealDomains == ["forwarder.example", "list.example", "relay.example"])
    }

    @Test func brokenChainIsSealedWithCVFail() async throws {
        let broken = Fixtures.crlf(ARCTests.chain.replacingOccurrences(of: "two hops", with: "three hops"))
        let sealed = try await Self.seal(broken)
        #expect(Fixtures.string(sealed).hasPrefix("ARC-Seal: i=3; cv=fail;"))
        #expect(await Self.verify(sealed).result == .fail)
    }

    @Test func changesAfterSealingBreakIt() async throws {
        let sealed = Fixtures.string(try await Self.seal(Fixtures.crlf(Fixtures.sampleMessage)))
        #expect(await Self.verify(Array(sealed.replacingOccurrences(of: "Regards", with: "Cheers").utf8)).result == .fail)
    }

    @Test func bareLineFeedMessagesKeepTheirLineEnds() async throws {
        let lf = Array(Fixtures.sampleMessage.utf8)
        let sealed = try await Self.seal(lf)
        #expect(!Fixtures.string(sealed).contains("\r"))
        #expect(await Self.verify(sealed).result == .pass)
    }
}
