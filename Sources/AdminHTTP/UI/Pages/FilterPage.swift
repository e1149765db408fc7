import Administration
import Hummingbird

/// `/filter`: the switches, the three antispam thresholds, access rules, attachment types,
/// clamd's state, quarantine, Bayes training progress, and the last verdicts with every
/// symbol that fired.
struct FilterPage {
    let api: AdminAPI

    static let thresholds = ["filter.spam.greylist", "filter.spam.flag", "filter.spam.deny"]
    static let switches = ["filter.spam.enabled", "filter.greylist.enabled", "filter.attachments.enabled",
                           "filter.antivirus.enabled", "filter.quarantine.enabled", "mailauth.dmarc.enforce"]

    struct State: Sendable {
        var settings: [SettingRow]
        var status: FilterStatusRow
        var rules: [FilterRuleRow]
        var bayes: BayesStatusRow
        var history: [FilterVerdictRow]
    }

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/filter") { request in try await view(request) }
        ui.post("/filter/rules") { request in
            let form = request.form
            let filter = try api.filterAdministration()
            return try await submitting({
                let row: FilterRuleRow
                do {
                    row = try await filter.addRule(kind: form.text("kind"), value: form.text("value"), action: form.text("action"))
                } catch let error as AdminError where error.kind == .invalidInput {
                    throw UIFieldError(field: error.message.hasPrefix("action") ? "action" : "value", message: error.message)
                }
                return UIResponse.redirect("/filter", notice: "Rule \(row.kind) \(row.value) added")
            }, orRedraw: { errors in try await view(request, errors: errors, status: .unprocessableContent) })
        }
        ui.post("/filter/rules/remove") { request in
            let filter = try api.filterAdministration()
            let kind = request.form.text("kind"), value = request.form.text("value")
            try await filter.removeRule(kind: kind, value: value)
            return UIResponse.redirect("/filter", notice: "Rule \(kind) \(value) removed")
        }
    }

    private func view(_ request: UIRequest, errors: [String: String] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let filter = try api.filterAdministration()
        let settings = try await api.ui { admin throws in try admin.settings() }
        let filterStatus = try await filter.status()
        let state = State(settings: settings, status: filterStatus, rules: try await filter.rules(),
                          bayes: try await filter.bayesStatus(), history: try await filter.history(limit: 50))
        let filterSettings = UISettings.matching(state.settings, ["filter.", "mailauth."])
        let others = filterSettings.filter { !Self.thresholds.contains($0.key) && !Self.switches.contains($0.key) }
        func rows(_ keys: [String]) -> [[String: Any]] {
            UISettings.rows(keys.compactMap { key in state.settings.first { $0.key == key } }, back: "/filter", query: request.query)
        }
        let s = state.status
        var clamd: [String: Any] = ["configured": !s.clamd.isEmpty, "endpoint": s.clamd, "answers": s.clamd_answers,
                                    "antivirus": s.antivirus]
        if let version = s.clamd_version { clamd["version"] = version }
        if let error = s.clamd_error { clamd["error"] = error }
        let b = state.bayes
        let data: [String: Any] = [
            "thresholds": rows(Self.thresholds), "switches": rows(Self.switches),
            "others": UISettings.rows(others, back: "/filter", query: request.query),
            "clamd": clamd,
            "attachments": ["on": s.attachments, "block": s.attachments_block.joined(separator: ", "),
                            "extensions": s.attachments_extensions.isEmpty ? false : s.attachments_extensions.joined(separator: ", ")]
                as [String: Any],
            "quarantine": ["on": s.quarantine, "mailbox": s.quarantine_mailbox] as [String: Any],
            "bayes": ["spam": b.spam, "ham": b.ham, "tokens": b.tokens, "active": b.active, "trained": b.trained, "minSpam": b.min_spam,
                      "minHam": b.min_ham, "spamPercent": min(100, b.spam * 100 / max(1, b.min_spam)),
                      "hamPercent": min(100, b.ham * 100 / max(1, b.min_ham))] as [String: Any],
            "rules": state.rules.map { r -> [String: Any] in ["kind": r.kind, "value": r.value, "action": r.action ?? ""] },
            "history": state.history.map { v -> [String: Any] in
                ["time": v.time, "qid": v.qid, "sender": v.sender.isEmpty ? "<>" : v.sender,
                 "recipients": v.recipients.joined(separator: ", "), "action": v.action, "score": String(format: "%.2f", v.score),
                 "symbols": v.symbols.map { ["name": $0.name, "weight": String(format: "%+.2f", $0.weight), "detail": $0.detail] }]
            },
            "errors": errors, "values": request.form.values,
            "kinds": ["block-from", "allow-from", "allow-to"], "actions": ["reject", "quarantine"],
        ]
        return UIRenderer.page("filter", title: "Filter", section: .filter, request, data, status: status)
    }
}
