import Administration
import Testing
@testable import AdminHTTP

@Suite("AdminHTTP web UI: templates, forms, paths")
struct WebUIUnitTests {
    @Test func everyTemplateParsesAndRenders() {
        #expect(UITemplates.all.count == Set(UITemplates.all.map(\.0)).count)
        for (name, _) in UITemplates.all {
            #expect(UIRenderer.library.getTemplate(named: name) != nil, "template \(name)")
        }
    }

    @Test func valuesAreEscapedForHTML() {
        let html = UIRenderer.render("message", ["title": "<script>x</script>", "text": "a \"quoted\" & 'single'"])
        #expect(!html.contains("<script>x"))
        #expect(html.contains("&lt;script&gt;x&lt;/script&gt;"))
        #expect(html.contains("a &quot;quoted&quot; &amp; &#39;single&#39;"))
    }

    @Test func errorsStandNextToTheirField() {
        let html = UIRenderer.render("domains", ["domains": [[String: Any]](), "errors": ["name": "bad name"],
                                                 "values": ["name": "x y"], "csrf": "t"])
        #expect(html.contains(#"<p class="field-error" id="domain-name-error">bad name</p>"#))
        #expect(html.contains(#"aria-invalid="true""#))
        #expect(html.contains(#"value="x y""#))
        let clean = UIRenderer.render("domains", ["domains": [[String: Any]](), "errors": [String: String](), "csrf": "t"])
        #expect(!clean.contains("field-error") && !clean.contains("aria-invalid"))
    }

    @Test func formDecodingFollowsTheURLEncoding() {
        let form = UIForm(encoded: "name=a+b%40c.test&groups=x&groups=y&empty=&flag=on&list=a%0D%0Ab%2C+c")
        #expect(form["name"] == "a b@c.test")
        #expect(form.all("groups") == ["x", "y"])
        #expect(form["empty"] == "" && form["missing"] == nil)
        #expect(form.isChecked("flag") && !form.isChecked("missing"))
        #expect(form.list("list") == ["a", "b", "c"])
    }

    @Test func theUIOwnsEveryPathButTheAPIs() {
        #expect(WebUI.owns("/") && WebUI.owns("/domains/a.test") && WebUI.owns("/login"))
        #expect(!WebUI.owns("/api/v1/domains") && !WebUI.owns("/api/openapi.json") && !WebUI.owns("/metrics"))
    }

    @Test func onlyLocalPathsFollowTheLogin() {
        #expect(LoginPage.safeTarget("/domains") == "/domains")
        #expect(LoginPage.safeTarget("//evil.example/") == "/")
        #expect(LoginPage.safeTarget("https://evil.example/") == "/")
        #expect(LoginPage.safeTarget("/\\evil.example") == "/")
    }

    @Test func theContentSecurityPolicyAllowsNoInlineScript() {
        let policy = UIResponse.contentSecurityPolicy
        #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe"))
        #expect(policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'"))
    }
}
