/// The access-log line of a login, one format for every service:
///
///     imap login: user=<alice>, method=PLAIN, rip=192.0.2.7, TLS
///     pop3 login: user=<alice>, method=USER, rip=192.0.2.7, TLS, master user login by the administrator
///     smtp auth failed: user=<alice>, method=LOGIN, rip=192.0.2.7, TLS: invalid credentials (answered after 2s)
///     managesieve auth refused: user=<bob>, method=PLAIN, rip=192.0.2.7, TLS: too many failures from this address (auth.block_after=10)
///     imap auth unavailable: user=<alice>, method=PLAIN, rip=192.0.2.7: the directory cannot be read: …
enum AccessLogLine {
    static func make(_ request: LoginRequest, _ outcome: LoginOutcome, waited: Duration, detail: String?) -> String {
        let service = request.service.rawValue
        var user = request.login
        var verdict: String, reason: String?
        switch outcome {
        case .success(let name, let viaMaster):
            user = name
            verdict = "login"
            reason = viaMaster ? "master user login by the administrator" : nil
        case .invalidCredentials:
            verdict = "auth failed"
            reason = "invalid credentials"
        case .authorizationRefused:
            verdict = "auth failed"
            reason = "authorization identity <\(request.authorizationID ?? "")> refused"
        case .serviceDisabled(let service):
            verdict = "auth refused"
            reason = "\(service.rawValue) access is disabled for this user"
        case .blocked:
            verdict = "auth refused"
            reason = "too many failures from this address"
        case .unavailable:
            verdict = "auth unavailable"
            reason = "the directory cannot be read"
        }
        var line = "\(service) \(verdict): user=<\(user)>, method=\(request.mechanism), rip=\(request.remoteAddress)"
        if request.tls { line += ", TLS" }
        if case .success = outcome {
            if let reason { line += ", \(reason)" }
            if waited > .zero { line += " (after \(seconds(waited)))" }
            return line
        }
        if let reason { line += ": \(reason)" }
        if let detail { line += " (\(detail))" }
        if waited > .zero { line += " (answered after \(seconds(waited)))" }
        return line
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let tenths = atto / 100_000_000_000_000_000
        return tenths == 0 ? "\(whole)s" : "\(whole).\(tenths)s"
    }
}
