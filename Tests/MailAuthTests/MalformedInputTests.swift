import DNS
import Foundation
import Testing
@testable import MailAuth
import MailCore

/// Random and truncated inputs never crash the parsers and verifiers: they only give
/// error results.
@Suite struct MalformedInputTests {

    static func strings(_ alphabet: String, count: Int, maxLength: Int, seed: UInt64) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let characters = Array(alphabet)
        return (0..<count).map { _ in
            String((0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in characters.randomElement(using: &rng)! })
        }
    }

    @Test func spfRecordsAndMacros() async {
        let pieces = Self.strings("v=spf1 -+~?allincludeamxptrip46exists:/%{}.0123456789slodiphvcrt-_,=redirectexp\u{80}",
                                  count: 3000, maxLength: 40, seed: 7)
        var parsed = 0
        for text in pieces {
            let record = "v=spf1 " + text
            if (try? SPFRecord(Array(record.utf8))) != nil { parsed += 1 }
            _ = SPFMacroString(Array(text.utf8))?.expand { _ in Array("a.b-c+d".utf8) }
            _ = SPFMacroString(Array(text.utf8), explanation: true)?.isDomainSpec
        }
        #expect(parsed > 0)
        // Whole evaluations over records built from the same pieces.
        var zone = StaticMailAuthDNS()
        for (i, text) in pieces.prefix(200).enumerated() { zone.addTXT("d\(i).example.com", "v=spf1 " + text) }
        let checker = SPFChecker(dns: zone)
        for i in 0..<200 {
            let r = await checker.check(ip: Zone.ip(i % 2 == 0 ? "192.0.2.1" : "2001:db8::1"), mailFrom: "a@d\(i).example.com", helo: "h")
            #expect(SPFResult.allCases.contains(r.result))
        }
    }

    @Test func dmarcRecordsAndAuthservIDs() {
        for text in Self.strings("v=DMARC1; p=rejectquarantinenone sp np adkim aspf psd t rua=mailto:,\"()\\", count: 3000,
                                 maxLength: 50, seed: 11) {
            _ = DMARCRecord(txt: Array(text.utf8))
            _ = DMARCRecord(txt: Array(("v=DMARC1;" + text).utf8))
            _ = AuthenticationResults.authservID(ofFieldValue: text)
        }
    }

    @Test func arcHeadersOfAnyShape() async {
        let fetcher = ARCTests.fetcher
        let base = ARCTests.chain
        var rng = SeededGenerator(seed: 3)
        var failed = 0
        for _ in 0..<300 {
            // Cut or garble a random stretch of the sealed header.
            var bytes = Array(base.utf8)
            let headerEnd = min(bytes.count, 1500)
            let start = Int.random(in: 0..<headerEnd, using: &rng)
            let length = Int.random(in: 0...40, using: &rng)
            let end = min(bytes.count, start + length)
            if Bool.random(using: &rng) {
                bytes.removeSubrange(start..<end)
            } else {
                for i in start..<end { bytes[i] = Array("i=;: \n5b0".utf8).randomElement(using: &rng)! }
            }
            let result = await ARCVerifier().verify(Fixtures.crlf(String(decoding: bytes, as: UTF8.self)), fetcher: fetcher)
            if result.result == .fail { failed += 1 }
        }
        // Most damage is caught; the rest fell in what nothing signs (Authentication-Results,
        // folding whitespace) or changed nothing.
        #expect(failed > 200, "\(failed) of 300 damaged chains failed")
    }
}
