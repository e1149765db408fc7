import Foundation

/// The options of a `<select>` or a group of radio buttons, for the templates'
/// `{{#choices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/choices}}`.
enum UIChoices {
    static func options(_ choices: [(value: String, label: String)], selected: String) -> [[String: Any]] {
        choices.map { ["value": $0.value, "label": $0.label, "selected": $0.value == selected] as [String: Any] }
    }

    static func options(_ values: [String], selected: String) -> [[String: Any]] {
        options(values.map { (value: $0, label: $0) }, selected: selected)
    }

    /// A dictionary for a template without its null values (Mustache would draw them).
    static func present(_ row: [String: Any]) -> [String: Any] {
        row.filter { !($0.value is NSNull) }
    }
}
