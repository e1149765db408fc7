/// Thunderbird's autoconfig document (clientConfig version 1.1, served at
/// `/mail/config-v1.1.xml?emailaddress=…` and `/.well-known/autoconfig/mail/config-v1.1.xml`).
public enum ThunderbirdAutoconfig {
    public static func document(_ settings: MailClientSettings) -> String {
        let domain = XMLText.escape(settings.domain)
        // %EMAILADDRESS% is the placeholder Thunderbird fills with the address typed.
        let username = settings.login.map(XMLText.escape) ?? "%EMAILADDRESS%"
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<clientConfig version="1.1">"#,
            #"  <emailProvider id="\#(domain)">"#,
            "    <domain>\(domain)</domain>",
            "    <displayName>\(domain)</displayName>",
            "    <displayShortName>\(domain)</displayShortName>",
        ]
        for server in settings.servers(.imap) + settings.servers(.pop3) {
            lines += serverLines("incomingServer", server, hostname: settings.hostname, username: username)
        }
        for server in settings.servers(.smtp) {
            lines += serverLines("outgoingServer", server, hostname: settings.hostname, username: username)
        }
        lines += ["  </emailProvider>", "</clientConfig>", ""]
        return lines.joined(separator: "\n")
    }

    private static func serverLines(_ element: String, _ server: MailClientSettings.Server,
                                    hostname: String, username: String) -> [String] {
        [
            #"    <\#(element) type="\#(server.kind.rawValue)">"#,
            "      <hostname>\(XMLText.escape(hostname))</hostname>",
            "      <port>\(server.port)</port>",
            "      <socketType>\(server.security == .implicitTLS ? "SSL" : "STARTTLS")</socketType>",
            "      <authentication>password-cleartext</authentication>",
            "      <username>\(username)</username>",
            "    </\(element)>",
        ]
    }
}
