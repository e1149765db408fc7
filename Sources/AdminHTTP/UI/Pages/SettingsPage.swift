import Administration
import Hummingbird

/// `/settings`: every typed setting with its help text, value and default; `POST
/// /settings` changes or resets one (also for the Filter and Relay pages, which show theirs).
struct SettingsPage {
    let api: AdminAPI

    func add(to ui: UIRouter) {
        let api = self.api
        ui.get("/settings") { request in
            let settings = try await api.ui { admin throws in try admin.settings() }
            var groups: [(String, [SettingRow])] = []
            for s in settings {
                let group = String(s.key.split(separator: ".").first ?? "")
                if groups.last?.0 == group { groups[groups.count - 1].1.append(s) } else { groups.append((group, [s])) }
            }
            let data: [String: Any] = ["groups": groups.map { entry -> [String: Any] in
                ["name": entry.0, "settings": UISettings.rows(entry.1, back: "/settings", query: request.query)]
            }]
            return UIRenderer.page("settings", title: "Settings", section: .settings, request, data)
        }
        ui.post("/settings") { request in
            let form = request.form
            let key = form.text("key")
            let value = form.text("value")
            let back = LoginPage.safeTarget(form.text("back").isEmpty ? "/settings" : form.text("back"))
            let anchor = "#setting-" + key.replacingOccurrences(of: ".", with: "-")
            do {
                if form["reset"] != nil {
                    try await api.ui { admin throws in try admin.resetSetting(key) }
                    return UIResponse.redirect(back + "?done=" + UIText.queryEscaped("\(key) reset to its default") + anchor)
                }
                let stored = try await api.ui { admin throws in try admin.setSetting(key, value) }
                return UIResponse.redirect(back + "?done=" + UIText.queryEscaped("\(key) = \(stored)") + anchor)
            } catch let error as AdminError where error.kind != .internal {
                return UIResponse.redirect(back + "?failed=" + UIText.queryEscaped(key) + "&error=" + UIText.queryEscaped(error.message)
                                           + "&tried=" + UIText.queryEscaped(value) + anchor)
            }
        }
    }
}
