import Foundation

/// What `serve` prints on start: where it listens and, on a first start, the
/// administrator's password (once) and the next steps for a newcomer.
struct ServeBanner {
    struct Listener {
        enum State { case listening, notImplemented, disabled(String), failed(String) }
        var name: ServiceName
        var address: ListenAddress
        var state: State
    }

    let dataDirectory: DataDirectory
    let hostname: String
    var firstStart = false
    var administratorPassword: String?
    var tlsSource: TLSMaterialProvider.Source = .existingSelfSigned
    var listeners: [Listener] = []

    func render() -> String {
        var s = "Postino \(PostinoVersion.current) on \(hostname), data directory \(dataDirectory.root.path)\n"
        if !hostname.contains(".") {
            // Issue 22: a short name ends up in greetings, Received fields and bounces.
            s += """
            WARNING: server.hostname is "\(hostname)", not a fully qualified name (this machine has none): it appears
            in SMTP greetings, Received headers and MAILER-DAEMON@\(hostname). Set the name your MX record points at:
              \(CommandPath.postino()) settings set server.hostname mail.example.com --data \(CommandPath.shellQuoted(dataDirectory.root.path))

            """
        }
        switch tlsSource {
        case .generated: s += "Generated a self-signed TLS certificate: \(dataDirectory.certificateFile.path)\n"
        case .existingSelfSigned: s += "TLS certificate: \(dataDirectory.certificateFile.path)\n"
        case .configured: s += "TLS certificate: configured (tls.certificate)\n"
        }
        if let password = administratorPassword {
            s += """

            Administrator account created. The password is shown only this once:
              user:     admin
              password: \(password)
            (change it with: \(CommandPath.postino()) user passwd admin --password-stdin --data \(CommandPath.shellQuoted(dataDirectory.root.path)))

            """
        }
        s += "\nServices:\n"
        for l in listeners {
            let name = l.name.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            let address = l.address.description.padding(toLength: 22, withPad: " ", startingAt: 0)
            switch l.state {
            case .listening: s += "  \(name) \(address) \(l.name.purpose)\n"
            case .notImplemented: s += "  \(name) \(address) not available in this build yet\n"
            case .disabled(let setting): s += "  \(name) \(address) off (setting \(setting))\n"
            case .failed(let why): s += "  \(name) \(address) FAILED: \(why)\n"
            }
        }
        if firstStart || administratorPassword != nil { s += nextSteps() }
        s += "\nLogs: \(dataDirectory.mailLog.path) and \(dataDirectory.accessLog.path). Stop with Ctrl-C (SIGINT) or SIGTERM.\n"
        return s
    }

    /// The web admin's URL first: a newcomer can do steps 1–3 there (issue 19).
    private func webAdminLine() -> String {
        guard let admin = listeners.first(where: { $0.name == .admin }), case .listening = admin.state else { return "" }
        let scheme = AdminNetworkService.isLoopback(admin.address.host) ? "http" : "https"
        return "Web admin: \(scheme)://\(admin.address)/ (log in as admin; add a domain, users and addresses there, or with the CLI below)\n"
    }

    private func nextSteps() -> String {
        let data = "--data \(CommandPath.shellQuoted(dataDirectory.root.path))"
        let postino = CommandPath.postino()
        let maildir = dataDirectory.mail.appendingPathComponent("john/Maildir/new").path
        func port(_ name: ServiceName) -> String {
            listeners.first { $0.name == name }.map { String($0.address.port) } ?? "off"
        }
        return """

        \(webAdminLine())Next steps (in another terminal):
          1. Add your mail domain:   \(postino) domain add example.com \(data)
          2. Add a user:             echo 'a-good-password' | \(postino) user add john --password-stdin \(data)
          3. Check where mail goes:  \(postino) resolve john@example.com \(data)
          4. Send a test message:    \(postino) send-test postmaster@example.com john@example.com \(data)
             It lands in john's INBOX (IMAP below, or the file in \(maildir)).
          5. Point a mail client at \(hostname): IMAP \(port(.imap)) (STARTTLS) or \(port(.imaps)) (TLS),
             sending \(port(.submission)) (STARTTLS) or \(port(.smtps)) (TLS), user name "john".
             Port \(port(.smtp)) is for other mail servers, not for clients.
          Before real mail: \(postino) check \(data)   (DNS records, TLS certificate, listeners)
          Settings: \(postino) settings list \(data)

        """
    }
}
