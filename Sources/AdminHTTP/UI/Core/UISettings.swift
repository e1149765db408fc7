import Administration

/// Settings drawn as the `setting` template's small forms (Settings, Filter and Relay
/// pages): the input follows the type; a refused value comes back in the query
/// (`failed=KEY&error=…`) and shows under its field.
enum UISettings {
    static func rows(_ settings: [SettingRow], back: String, query: UIForm) -> [[String: Any]] {
        settings.map { s in
            let isBool = s.type == "bool"
            let isChoice = !isBool && s.type.contains("|") && !s.type.hasPrefix("list of")
            let failed = query["failed"] == s.key
            var row: [String: Any] = [
                "key": s.key, "id": s.key.replacingOccurrences(of: ".", with: "-"), "value": s.value, "default": s.default,
                "type": s.type, "doc": s.doc, "is_default": s.is_default, "back": back,
                "isBool": isBool, "on": s.value == "true", "isChoice": isChoice, "isText": !isBool && !isChoice,
            ]
            if isChoice {
                row["choices"] = s.type.split(separator: "|").map { ["value": String($0), "selected": String($0) == s.value] as [String: Any] }
            }
            if failed, let error = query["error"] {
                row["error"] = error
                if let tried = query["tried"] { row["value"] = tried }
            }
            return row
        }
    }

    /// The settings whose key starts with one of `prefixes`, in registry order.
    static func matching(_ settings: [SettingRow], _ prefixes: [String]) -> [SettingRow] {
        settings.filter { s in prefixes.contains { s.key.hasPrefix($0) } }
    }
}
