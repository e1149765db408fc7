import DNS
import Foundation
import Testing
@testable import MailAuth

/// A two-hop chain sealed by dkimpy's `arc_sign` (RSA 1024, forwarder.example then
/// list.example, selector arc), checked against RFC 8617 §5.2.
@Suite struct ARCTests {
    static let key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCorj84mJY9rYLdl+UWN036ADXO4cdPnDQiF/z16ngY+86KtnbquBjZ5C2soXpMKauUzCD+Ssm2KmZ0M15W4gqZd8HA7A7y0qcDnQcVWQU8TaZm/6Ka+ZXyEt0SvoufG65RQfi8SHox9Mdsbtb1Zo0695vbX4WxxAdZ5TK+gkxRwQIDAQAB"

    static let chain = """
        ARC-Seal: i=2; cv=pass; a=rsa-sha256; d=list.example; s=arc;
         t=1750000100;
         b=BDPZvffUOX/AsckpMHonnVsiJJQdw9ckV+oXg085v5SvQXTTb0XDdIUClGvjYq8kugfyD
         x6ZOFr5yvYeox2nKh143+wrzPI37slEH4BORqvOYpodfvvAAEwbbXJX1os/pH9XBBTNVXYr
         UqRQ81WxPaKdDgtpbAYZL5pEQ7JcWY4=
        ARC-Message-Signature: i=2; a=rsa-sha256; c=relaxed/relaxed;
         d=list.example; s=arc; t=1750000100; h=from : to : subject : date :
         message-id : from; bh=fR+D45jKV243IIGQuLEnlSG+Q+Jyw+55/G0eW7wtCuA=;
         b=Iyoj85y7y+P3s98yXCrUpgv9u2N8aO3BqmEW1jGJLVajIGeXODCy7JFHrb+AekWxDCqk+
         IHM+5vXcdnNW/gITb8kg8asHGeiFScujeHC+/NUCwHhnCv8/caY0kqd3QoRtGfpbS7ru1S2
         Lp4icjlkm6/icEZrVIza0OUy3yvtV1Y=
        ARC-Authentication-Results: i=2; list.example;
         arc=pass
        Authentication-Results: list.example; arc=pass
        ARC-Seal: i=1; cv=none; a=rsa-sha256; d=forwarder.example; s=arc;
         t=1750000000;
         b=VYyCa0yiiYbDc/gX7reqDBGYl5L7ekd14yB6rJ2dmTvrSdHu9KFNSBwY3Sov9lhpQ6uvE
         yJxbzlX1tEt2v/viWfUzAj4IdmhA/zWjKFXJ1hsA834wCPNqYq6Db3XO1Gm4Uo8gyDz+J9O
         WZVnXULSXpTaOya7xIHs/Zt2iAmzIcI=
        ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed;
         d=forwarder.example; s=arc; t=1750000000; h=from : to : subject : date
         : message-id : from; bh=fR+D45jKV243IIGQuLEnlSG+Q+Jyw+55/G0eW7wtCuA=;
         b=JVU+fvx+KXe/VDVvVGeQP2g3ot7S6bHPtP63X0BoW2+Cbj5B02GXcbtQOElTNHj1pR6tB
         uZoX/2O1uu1nb9+VoZ8z6tp/7MMoWcXSNtOKJtBIcXE6GCOaYouha3ApJuVtZiOdYMyqdH4
         9dl6sMeetQKbLpCh7DGcP7eHdXoLf6s=
        ARC-Authentication-Results: i=1; forwarder.example;
         spf=pass smtp.mailfrom=alice@origin.example
        Authentication-Results: forwarder.example; spf=pass smtp.mailfrom=alice@origin.example
        From: Alice <alice@origin.example>
        To: list@list.example
        Subject: chained
        Date: Mon, 2 Jun 2025 10:00:00 +0000
        Message-ID: <arc1@origin.example>

        Hello through two hops.

        """

    static var fetcher: StaticDKIMKeyFetcher {
        StaticDKIMKeyFetcher(records: ["arc._domainkey.forwarder.example": [key], "arc._domainkey.list.example": [key]])
    }

    static func verify(_ text: String, fetcher: some DKIMKeyFetcher = ARCTests.fetcher) async -> ARCVerificationResult {
        await ARCVerifier().verify(Fixtures.crlf(text), fetcher: fetcher)
    }

    @Test func validChainPasses() async {
        let r = await Self.verify(Self.chain)
        #expect(r.result == .pass)
        #expect(r.instances == 2)
        #expect(r.sealDomains == ["forwarder.example", "list.example"])
        #expect(r.authenticationResultsFragment.hasPrefix("arc=pass"))
    }

    @Test func noARCHeadersIsNone() async {
        #expect(await Self.verify("From: a@example.com\n\nhi\n").result == .none)
    }

    @Test func bodyChangedAfterSealingFails() async {
        let r = await Self.verify(Self.chain.replacingOccurrences(of: "two hops", with: "three hops"))
        #expect(r.result == .fail)
        #expect(r.reason?.contains("ARC-Message-Signature i=2") == true)
    }

    @Test func alteredSealedResultsFail() async {
        let r = await Self.verify(Self.chain.replacingOccurrences(of: "i=1; forwarder.example;\n spf=pass",
                                                                  with: "i=1; forwarder.example;\n spf=fail"))
        #expect(r.result == .fail)
        #expect(r.reason?.contains("ARC-Seal") == true)
    }

    @Test func cvFailAndBrokenStructureFail() async {
        let cvFail = Self.chain.replacingOccurrences(of: "i=2; cv=pass", with: "i=2; cv=fail")
        #expect(await Self.verify(cvFail).reason?.contains("cv=fail") == true)
        let missing = Self.chain.replacingOccurrences(of: "ARC-Authentication-Results: i=2;", with: "X-Removed: i=2;")
        #expect(await Self.verify(missing).result == .fail)
        let gap = Self.chain.replacingOccurrences(of: "i=1;", with: "i=3;")
        #expect(await Self.verify(gap).result == .fail)
    }

    @Test func missingKeyFails() async {
        let r = await Self.verify(Self.chain, fetcher: StaticDKIMKeyFetcher(records: [:]))
        #expect(r.result == .fail)
    }
}
