import Foundation

/// Outlook's autodiscover (the "POX" form: a POST of an `<EMailAddress>` to
/// `/autodiscover/autodiscover.xml`, answered with one `<Protocol>` per kind of server).
public enum OutlookAutodiscover {
    /// The address of a request body; nil when it has none.
    public static func requestedAddress(in body: String) -> String? {
        guard let open = body.range(of: "<EMailAddress>", options: .caseInsensitive),
              let close = body.range(of: "</EMailAddress>", options: .caseInsensitive, range: open.upperBound..<body.endIndex)
        else { return nil }
        let address = body[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return address.isEmpty || !address.contains("@") ? nil : address
    }

    public static func document(_ settings: MailClientSettings) -> String {
        let login = XMLText.escape(settings.login ?? settings.email ?? "")
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">"#,
            #"  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">"#,
            "    <Account>",
            "      <AccountType>email</AccountType>",
            "      <Action>settings</Action>",
        ]
        // Outlook takes one server per type: the preferred one.
        for kind in [MailClientSettings.Kind.imap, .pop3, .smtp] {
            guard let server = settings.servers(kind).first else { continue }
            lines += [
                "      <Protocol>",
                "        <Type>\(kind.rawValue.uppercased())</Type>",
                "        <Server>\(XMLText.escape(settings.hostname))</Server>",
                "        <Port>\(server.port)</Port>",
                "        <LoginName>\(login)</LoginName>",
                "        <DomainRequired>off</DomainRequired>",
                "        <SPA>off</SPA>",
                // SSL: TLS from the first byte; TLS: STARTTLS.
                "        <Encryption>\(server.security == .implicitTLS ? "SSL" : "TLS")</Encryption>",
                "        <AuthRequired>on</AuthRequired>",
                "      </Protocol>",
            ]
        }
        lines += ["    </Account>", "  </Response>", "</Autodiscover>", ""]
        return lines.joined(separator: "\n")
    }
}
