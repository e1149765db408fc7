import Administration
import Hummingbird

/// `/domains/NAME/clients`: what a user of the domain types into a mail client (SPEC 10:
/// IMAP 143/993, POP3 110/995, submission 587/465, ManageSieve 4190).
struct ClientConfigPage {
    let api: AdminAPI

    static let services: [[String: String]] = [
        ["name": "IMAP (incoming mail)", "port": "993", "security": "SSL/TLS"],
        ["name": "IMAP (incoming mail)", "port": "143", "security": "STARTTLS"],
        ["name": "POP3 (incoming mail)", "port": "995", "security": "SSL/TLS"],
        ["name": "POP3 (incoming mail)", "port": "110", "security": "STARTTLS"],
        ["name": "SMTP submission (outgoing mail)", "port": "465", "security": "SSL/TLS, password login"],
        ["name": "SMTP submission (outgoing mail)", "port": "587", "security": "STARTTLS, password login"],
        ["name": "ManageSieve (filter rules)", "port": "4190", "security": "STARTTLS"],
    ]

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/domains/{name}/clients") { request in
            let name = try request.parameter("name")
            let (domain, hostname) = try await api.ui { admin throws in
                (try admin.domain(name), try admin.settingValue("server.hostname"))
            }
            return UIRenderer.page("clients", title: "Client configuration for \(domain.name)", section: .domains, request,
                                   ["domain": domain.name, "hostname": hostname, "services": Self.services])
        }
    }
}
