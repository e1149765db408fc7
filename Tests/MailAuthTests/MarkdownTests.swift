import Testing
@testable import MailAuth

@Suite struct MarkdownTests {
    static func html(_ md: String) -> String { MarkdownDocument(parsing: md).html }
    static func text(_ md: String) -> String { MarkdownDocument(parsing: md).plainText }

    @Test func paragraphsAndLineBreaks() {
        let md = "First line\nsame paragraph  \nafter a hard break\\\nand another\n\nSecond paragraph"
        #expect(Self.html(md) == "<p>First line\nsame paragraph<br>\nafter a hard break<br>\nand another</p>\n<p>Second paragraph</p>")
        #expect(Self.text(md) == "First line\nsame paragraph\nafter a hard break\nand another\n\nSecond paragraph")
    }

    @Test func emphasisAndStrong() {
        #expect(Self.html("*em* _em_ **strong** __strong__ ***both***")
            == "<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong> <strong><em>both</em></strong></p>")
        #expect(Self.html("**bold *and em* inside**") == "<p><strong>bold <em>and em</em> inside</strong></p>")
        #expect(Self.text("**Confidential**: *do not* forward") == "Confidential: do not forward")
    }

    @Test func delimitersThatDoNotEmphasize() {
        #expect(Self.html("snake_case_name and 2 * 3 * 4") == "<p>snake_case_name and 2 * 3 * 4</p>")
        #expect(Self.html("**unclosed and *half") == "<p>**unclosed and *half</p>")
        #expect(Self.html("\\*literal\\*") == "<p>*literal*</p>")
    }

    @Test func inlineCode() {
        #expect(Self.html("Use `a < b` and ``x`y``") == "<p>Use <code>a &lt; b</code> and <code>x`y</code></p>")
        #expect(Self.html("`*not emphasis*`") == "<p><code>*not emphasis*</code></p>")
        #expect(Self.text("run `postino`") == "run postino")
    }

    @Test func links() {
        #expect(Self.html("[our policy](https://example.com/policy?a=1&b=2)")
            == "<p><a href=\"https://example.com/policy?a=1&amp;b=2\">our policy</a></p>")
        #expect(Self.text("[our policy](https://example.com/policy)") == "our policy <https://example.com/policy>")
        #expect(Self.html("<https://example.com>") == "<p><a href=\"https://example.com\">https://example.com</a></p>")
        #expect(Self.text("<https://example.com>") == "https://example.com")
        #expect(Self.html("<legal@example.com>") == "<p><a href=\"mailto:legal@example.com\">legal@example.com</a></p>")
        #expect(Self.text("write to [legal](mailto:legal@example.com)") == "write to legal <legal@example.com>")
        #expect(Self.html("[*em* link](https://x.example \"title\")") == "<p><a href=\"https://x.example\"><em>em</em> link</a></p>")
        #expect(Self.html("[a](<https://x.example/with space>)") == "<p><a href=\"https://x.example/with%20space\">a</a></p>")
    }

    @Test func unsafeLinksAreText() {
        #expect(Self.html("[click](javascript:alert(1))") == "<p>click</p>")
        #expect(Self.html("[x](JaVaScRiPt:alert(1))") == "<p>x</p>")
        #expect(Self.html("[x](data:text/html,hi)") == "<p>x</p>")
        #expect(Self.html("[relative](/page:1)") == "<p><a href=\"/page:1\">relative</a></p>")
        #expect(Self.html("[not a link] (https://x.example)") == "<p>[not a link] (https://x.example)</p>")
    }

    @Test func lists() {
        let md = "- one\n- two\n  continued\n    - nested\n- three\n\n3. c\n4. d"
        #expect(Self.html(md) == """
            <ul>
            <li>one</li>
            <li>
            <p>two
            continued</p>
            <ul>
            <li>nested</li>
            </ul>
            </li>
            <li>three</li>
            </ul>
            <ol start="3">
            <li>c</li>
            <li>d</li>
            </ol>
            """)
        #expect(Self.text(md) == "- one\n- two\n  continued\n  - nested\n- three\n\n3. c\n4. d")
    }

    @Test func headingsAndRules() {
        #expect(Self.html("# Title #\n## Sub\n####### seven\n#nospace\n\n---") == """
            <h1>Title</h1>
            <h2>Sub</h2>
            <p>####### seven
            #nospace</p>
            <hr>
            """)
        #expect(Self.text("# Title\n\ntext") == "Title\n\ntext")
    }

    @Test func escapingAndNonASCII() {
        #expect(Self.html("<script>alert('x')</script> & \"q\"")
            == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>")
        // Non-ASCII becomes character references so the fragment fits any charset.
        #expect(Self.html("Grüße — 日本") == "<p>Gr&#xFC;&#xDF;e &#x2014; &#x65E5;&#x672C;</p>")
        #expect(Self.text("Grüße — 日本") == "Grüße — 日本")
        #expect(Self.html("CRLF\r\nlines\r\n") == "<p>CRLF\nlines</p>")
    }

    @Test func pathologicalInputStaysFast() {
        let stars = String(repeating: "*a ", count: 20_000)
        let brackets = String(repeating: "[", count: 20_000)
        let nested = String(repeating: "- ", count: 200) + "deep"
        #expect(!Self.html(stars).isEmpty)
        #expect(Self.html(brackets).hasPrefix("<p>[[["))
        #expect(Self.html(nested).contains("deep"))
    }
}
