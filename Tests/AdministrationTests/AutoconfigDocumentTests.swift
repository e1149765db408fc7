import Testing
@testable import Administration

@Suite("Mail client set-up documents (Thunderbird autoconfig, Outlook autodiscover)")
struct AutoconfigDocumentTests {
    let settings = MailClientSettings(
        domain: "example.com", email: "ann@example.com", hostname: "mail.example.com", login: nil,
        servers: [.init(kind: .imap, port: 993, security: .implicitTLS), .init(kind: .imap, port: 143, security: .startTLS),
                  .init(kind: .smtp, port: 587, security: .startTLS)])

    @Test func thunderbirdListsEveryServerInOrderWithThePlaceholderLogin() {
        let xml = ThunderbirdAutoconfig.document(settings)
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(xml.contains(#"<emailProvider id="example.com">"#))
        let imaps = xml.range(of: "<port>993</port>")!, imap = xml.range(of: "<port>143</port>")!
        #expect(imaps.lowerBound < imap.lowerBound)
        #expect(xml.contains(#"<outgoingServer type="smtp">"#) && xml.contains("<socketType>STARTTLS</socketType>"))
        #expect(xml.components(separatedBy: "<username>%EMAILADDRESS%</username>").count == 4)
        #expect(!xml.contains("pop3"))
    }

    @Test func outlookTakesThePreferredServerPerKind() {
        var aliased = settings
        aliased.login = "ann<&>"
        let xml = OutlookAutodiscover.document(aliased)
        #expect(xml.components(separatedBy: "<Type>IMAP</Type>").count == 2)
        #expect(xml.contains("<Port>993</Port>") && !xml.contains("<Port>143</Port>"))
        #expect(xml.contains("<Encryption>SSL</Encryption>") && xml.contains("<Encryption>TLS</Encryption>"))
        #expect(xml.contains("<LoginName>ann&lt;&amp;&gt;</LoginName>"))
    }

    @Test func outlookRequestAddressIsRead() {
        let body = "<Autodiscover><Request><emailaddress> ann@example.com </emailaddress></Request></Autodiscover>"
        #expect(OutlookAutodiscover.requestedAddress(in: body) == "ann@example.com")
        #expect(OutlookAutodiscover.requestedAddress(in: "<EMailAddress>nobody</EMailAddress>") == nil)
        #expect(OutlookAutodiscover.requestedAddress(in: "<Request/>") == nil)
    }

    @Test func settingsOnlyForLocalDomainsWithTheAliasUsersLogin() throws {
        let admin = try makeAdministration()
        try admin.addDomain("example.com")
        try admin.addDomain("relayed.example", relayTo: AdminInput.relayTarget("127.0.0.1:9"))
        try admin.addUser("ann")
        try admin.addAddress("a.smith@example.com", destinations: [AdminInput.destination("user:ann")])
        try admin.addAddress("team@example.com", destinations: [AdminInput.destination("user:ann"),
                                                                 AdminInput.destination("x@remote.example")])
        let servers = settings.servers
        func login(_ email: String) throws -> String?? {
            try admin.clientSettings(email: email, domain: "Example.COM", hostname: "h", servers: servers).map(\.login)
        }
        #expect(try login("ann@example.com") == .some(nil))
        #expect(try login("a.smith@example.com") == .some("ann"))
        #expect(try login("team@example.com") == .some(nil))
        #expect(try admin.clientSettings(email: nil, domain: "example.com", hostname: "h", servers: servers)?.domain == "example.com")
        #expect(try admin.clientSettings(email: "x@relayed.example", domain: "relayed.example", hostname: "h", servers: servers) == nil)
        #expect(try admin.clientSettings(email: "x@other.example", domain: "other.example", hostname: "h", servers: servers) == nil)
    }
}
