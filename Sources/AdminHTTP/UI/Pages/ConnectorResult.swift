import Administration

/// The outcome of a check (after add, edit or "Check now") or of "Fetch now", carried in
/// the query of the redirect that follows the POST and drawn at the top of the page, with
/// the failure's kind as `postino connector check` names it (`dns`, `refused`, `timeout`,
/// `tls`, `certificate`, `auth`…) and what to do about it.
struct ConnectorResult {
    /// `check` or `fetch`.
    var action: String
    var account: String
    /// `ok`, or the failure's kind.
    var outcome: String
    var detail: String

    init(check: ConnectorCheckRow) {
        action = "check"
        account = check.email
        outcome = check.ok ? "ok" : check.failure ?? "error"
        detail = check.ok ? "connected and logged in" : check.message ?? ""
    }

    /// A run's counts (`connector run`'s line), and its error when it stopped early.
    init(account: String, fetched: Int, known: Int, refused: Int, deferred: Int, deleted: Int, error: String?, errorKind: String?) {
        action = "fetch"
        self.account = account
        outcome = error == nil ? "ok" : errorKind ?? "error"
        detail = "fetched \(fetched), refused \(refused), deferred \(deferred), deleted \(deleted), known \(known)"
        if let error { detail += "; stopped: \(error)" }
    }

    init?(query: UIForm) {
        guard let action = query["result"], action == "check" || action == "fetch",
              let account = query["account"], let outcome = query["outcome"] else { return nil }
        self.action = action
        self.account = account
        self.outcome = outcome
        detail = query["detail"] ?? ""
    }

    var query: String {
        ["result": action, "account": account, "outcome": outcome, "detail": detail]
            .sorted { $0.key < $1.key }.map { "\($0.key)=\(UIText.queryEscaped($0.value))" }.joined(separator: "&")
    }

    /// For the `connector-result` template.
    var data: [String: Any] {
        var data: [String: Any] = ["action": action == "check" ? "Check" : "Fetch", "account": account, "ok": outcome == "ok",
                                   "kind": outcome, "detail": detail]
        if let hint = Self.hints[outcome] { data["hint"] = hint }
        return data
    }

    static let hints: [String: String] = [
        "dns": "the host name does not resolve",
        "refused": "nothing accepts connections on that host and port",
        "timeout": "the server did not answer in time",
        "tls": "TLS could not be set up: is the TLS mode right for that port?",
        "certificate": "the server's certificate is not trusted: for a self-signed server, switch certificate verification off",
        "auth": "the server refused the login name or the password",
        "protocol": "the server answered something unexpected: is it the right protocol for that port?",
        "closed": "the server closed the connection: is the TLS mode right for that port?",
        "busy": "another fetch of this account is running",
    ]
}
