import Testing
@testable import Antispam

@Suite struct SpamMessageTests {
    let identity = LocalIdentity(hostnames: ["mx.postino.test"])

    @Test func ownHeadersAreIgnoredByDigestAndTokens() {
        let plain = Fixtures.message()
        let ours = Array("""
            X-Spam: Yes\r
            X-Spam-Score: 12.00\r
            X-Spam-Status: Yes, BAYES_99(5)\r
            Authentication-Results: mx.postino.test; spf=pass smtp.mailfrom=example.org\r
            Received: from client.example (unknown [192.0.2.1])\r
            \tby mx.postino.test (Postino) with ESMTP id 0ABC; Tue, 1 Oct 2024 10:00:01 +0200\r

            """.utf8) + plain
        let a = SpamMessage(bytes: plain, identity: identity)
        let b = SpamMessage(bytes: ours, identity: identity)
        #expect(a.digest == b.digest)
        #expect(BayesTokenizer.tokens(a) == BayesTokenizer.tokens(b))
        #expect(!BayesTokenizer.tokenStrings(b).contains { $0.contains("x-spam") || $0.contains("postino") })
    }

    @Test func foreignTraceFieldsCount() {
        let foreign = Array("Received: from a.example by relay.other.example with ESMTP; Tue, 1 Oct 2024 09:00:00 +0200\r\nAuthentication-Results: other.example; spf=fail\r\n".utf8) + Fixtures.message()
        let a = SpamMessage(bytes: Fixtures.message(), identity: identity)
        let b = SpamMessage(bytes: foreign, identity: identity)
        #expect(a.digest != b.digest)
        #expect(BayesTokenizer.tokenStrings(b).contains("rcvd:other.example"))
    }

    @Test func lineEndsAndMboxSeparatorDoNotChangeTheDigest() {
        let crlf = Fixtures.message()
        let lf = crlf.filter { $0 != 0x0D }
        let mbox = Array("From alice@example.org Tue Oct  1 10:00:00 2024\n".utf8) + lf
        let digests = Set([crlf, lf, mbox].map { SpamMessage(bytes: $0, identity: identity).digest })
        #expect(digests.count == 1)
    }

    @Test func bodyIsDecodedFromBase64AndHTML() {
        let html = "<html><body><p>Hello <b>w&ouml;rld</b> visit <a href=\"http://shop.example.net/x\">here</a></p><style>.x{}</style></body></html>"
        let encoded = Base64.encode(Array(html.utf8))
        let bytes = Fixtures.message(extraHeaders: "Content-Transfer-Encoding: base64\r\n", body: encoded + "\n",
                                     contentType: "text/html; charset=utf-8")
        let m = SpamMessage(bytes: bytes, identity: identity)
        #expect(m.htmlText.contains("Hello"))
        #expect(!m.htmlText.contains("<b>"))
        #expect(m.urls.contains("http://shop.example.net/x"))
        let tokens = BayesTokenizer.tokenStrings(m)
        #expect(tokens.contains("hello") && tokens.contains("url:shop.example.net") && tokens.contains("cte:base64"))
    }

    @Test func htmlTagsGiveTheirNamesLinksAndHiding() {
        // ASCII tags take the byte paths, tags with CR or other text the character ones;
        // both read names and attributes the same way.
        let html = "<A HREF = \"  http://a.example/1 \" >x</A><img data-src=no src=http://b.example/2.gif alt=y>"
            + "<a\r\nhref='http://c.example/3'>z</a><äbc href=http://d.example/4>w</äbc>"
            + "<form action=\"/post\"><font size=1 COLOR=\"#FFFFFF\">hidden</font>"
        let parsed = HTMLText(html)
        #expect(parsed.links == ["http://a.example/1", "http://b.example/2.gif", "http://c.example/3", "/post"])   // not äbc
        #expect(parsed.tagNames.isSuperset(of: ["a", "img", "äbc", "form", "font"]))
        #expect(parsed.forms == 1 && parsed.images == 1)
        #expect(parsed.hiddenTextLength == 6)
        #expect(HTMLText("<a data-href=x>t</a>").links.isEmpty)
        #expect(HTMLText("<a href=>t</a>").links == [""])
    }
}

/// Minimal base64 for fixtures.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 15) << 2 | b2 >> 6)] : "=")
            out.append(i + 2 < bytes.count ? table[Int(b2 & 63)] : "=")
            i += 3
        }
        return out
    }
}

@Suite struct LineEndTests {
    @Test func crlfAndLfMessagesGiveTheSameTokens() {
        let crlf = Fixtures.message(body: "First line of the body\r\nsecond line here\r\nhttp://example.net/x\r\n")
        let lf = crlf.filter { $0 != 0x0D }
        #expect(BayesTokenizer.tokenStrings(SpamMessage(bytes: crlf)) == BayesTokenizer.tokenStrings(SpamMessage(bytes: lf)))
        #expect(BayesTokenizer.tokenStrings(SpamMessage(bytes: crlf)).contains("second"))
    }
}

@Suite struct TokenizerPieceTests {
    @Test func domainSuffixesByBytesMatchTheLabelSplit() {
        for domain in ["a.b.example.com", "example.com", "com", "", "a.b.c.d.e.f", "x..y.com", ".lead.com", "trail.com.", "ü.例え.jp"] {
            let labels = domain.split(separator: ".")
            let expected = labels.count < 2 ? [domain] : (2...min(labels.count, 4)).map { labels.suffix($0).joined(separator: ".") }
            #expect(BayesTokenizer.domainSuffixes(domain) == expected, "\(domain)")
        }
    }

    @Test func wordsGiveTheirTokensOnBothPaths() {
        // ASCII words take the byte path, the others the character path; both trim,
        // lower-case, keep money and "!!", and fold long words the same way.
        func tokens(_ text: String, prefix: String = "", keepCase: Bool = false) -> Set<String> {
            var sink = TokenSink(keepStrings: true)
            BayesTokenizer.words(text, prefix: prefix, into: &sink, keepCase: keepCase)
            return sink.strings ?? []
        }
        let text = "Hello WORLD\r\nnaïve café — $100 free!! (user@example.com) averyveryverylongword ab 😀x"
        #expect(tokens(text) == ["hello", "world", "naïve", "café", "$100", "free!!", "email:example.com", "skip:a20"])
        #expect(tokens(text) == tokens(text.replacingOccurrences(of: "\r\n", with: "\n")))
        #expect(tokens("Naïve Offer", prefix: "s:", keepCase: true) == ["s:naïve", "s:c:Naïve", "s:offer", "s:c:Offer"])
        #expect(tokens("").isEmpty && tokens(" \t\r\n ").isEmpty)
    }

    @Test func numericZoneWithoutTheRegexEngine() {
        #expect(BuiltInTest.hasNumericZone("Tue, 7 May 2002 09:37:01 -0500"))
        #expect(BuiltInTest.hasNumericZone("Tue, 7 May 2002 09:37:01 +0200 (CEST)"))
        #expect(!BuiltInTest.hasNumericZone("Tue, 7 May 2002 09:37:01 EST"))
        #expect(!BuiltInTest.hasNumericZone("Tue, 7 May 2002 09:37:01 +05"))
        #expect(BuiltInTest.hasNumericZone("7 May 2002 -٠٥٠٠"))                 // ICU's \d: any decimal digit
        #expect(!BuiltInTest.hasNumericZone(""))
    }
}
