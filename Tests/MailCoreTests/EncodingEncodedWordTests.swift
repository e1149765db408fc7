import Testing
@testable import MailCore

@Suite struct EncodingEncodedWordTests {
    private func decode(_ s: String) -> String { EncodedWordDecoder.decodeUnstructured(s) }

    @Test func decodesQAndBWords() {
        #expect(decode("=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_K=C3=B6ln?=") == "Grüße aus Köln")
        #expect(decode("=?utf-8?b?R3LDvMOfZQ==?=") == "Grüße")
        #expect(decode("=?ISO-8859-1?Q?Andr=E9?= Pirard") == "André Pirard")
    }

    @Test func dropsWhitespaceBetweenAdjacentWordsOnly() {
        // RFC 2047 §6.2 and the examples of §8.
        #expect(decode("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=") == "ab")
        #expect(decode("=?ISO-8859-1?Q?a?=\t  =?ISO-8859-1?Q?b?=") == "ab")
        #expect(decode("=?ISO-8859-1?Q?a?= b") == "a b")
        #expect(decode("(=?ISO-8859-1?Q?a_b?=)") == "(a b)")
    }

    @Test func toleratesMissingSpaces() {
        #expect(decode("=?utf-8?q?a?==?utf-8?q?b?=") == "ab")
        #expect(decode("Re:=?utf-8?q?Caf=C3=A9?=!") == "Re:Café!")
    }

    @Test func decodesWordsInsideQuotes() {
        #expect(decode("\"=?utf-8?q?Caf=C3=A9?=\" <x@example.org>") == "\"Café\" <x@example.org>")
    }

    @Test func toleratesUnknownAndWrongCharsets() {
        #expect(decode("=?x-unknown?q?Caf=C3=A9?=") == "Café")
        // A US-ASCII label on UTF-8 bytes.
        #expect(decode("=?us-ascii?q?Caf=C3=A9?=") == "Café")
        #expect(decode("=?us-ascii?q?Caf=E9?=") == "Caf\u{FFFD}")
        #expect(decode("=?utf-8*en?q?hello?=") == "hello")
    }

    @Test func toleratesBadBase64Padding() {
        #expect(decode("=?utf-8?b?R3LDvMOfZQ?=") == "Grüße")
        #expect(decode("=?utf-8?b?R3LDvMOfZQ=?=") == "Grüße")
        // Not base64 at all (length 1 mod 4): shown as written.
        #expect(decode("=?utf-8?b?w?=") == "w")
    }

    @Test func readsAQEscapeAfterTheEncodingLetter() {
        // The first "?=" here is "?" followed by the escape "=3D".
        #expect(decode("=?utf-8?q?=3D=3D?=") == "==")
    }

    @Test func keepsMalformedWordsLiterally() {
        #expect(decode("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=")
        #expect(decode("=?utf-8?q?unterminated") == "=?utf-8?q?unterminated")
        #expect(decode("a =? b ?= c") == "a =? b ?= c")
    }

    @Test func rawLatin1InsideAWordBelongsToItsCharset() {
        let bytes = Array("=?iso-8859-1?Q?Fr".utf8) + [0xF6] + Array("sche?=".utf8)
        #expect(EncodedWordDecoder.decodeUnstructured(bytes: bytes) == "Frösche")
    }

    @Test func decodesISO2022JPWords() {
        // "日本語" in ISO-2022-JP, base64.
        #expect(decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=") == "日本語")
    }

    @Test func pathologicalValuesDecodeInLinearTime() {
        // Many word starts without terminators, separated or not, then one terminator
        // at the very end: a naive scan from every "=?" is quadratic.
        let inputs = [
            String(repeating: "=?a ", count: 50_000) + "?=",
            String(repeating: "=?", count: 100_000) + "x?=",
            String(repeating: "x=?u?q?", count: 30_000) + "?=",
            String(repeating: "=?utf-8?q?a?=", count: 20_000),
        ]
        let clock = ContinuousClock()
        for input in inputs {
            let elapsed = clock.measure { _ = decode(input) }
            #expect(elapsed < .seconds(5), "took \(elapsed) for \(input.prefix(12))…")
        }
        #expect(decode(String(repeating: "=?utf-8?q?a?=", count: 1000)) == String(repeating: "a", count: 1000))
    }

    @Test func encoderKeepsWordsShortAndRoundTrips() {
        let text = "Ünïcödé subject line that is long enough to need several encoded words — 日本語 ✓"
        let words = EncodedWordEncoder.encode(text, firstWordLimit: 60)
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
        #expect(words[0].utf8.count <= 60)
        #expect(decode(words.joined(separator: " ")) == text)
        #expect(EncodedWordDecoder.decodeWord(words[0]) != nil)
    }
}
