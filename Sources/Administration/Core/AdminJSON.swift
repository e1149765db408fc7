import Foundation

/// JSON for rows, as both `--json` and the REST API print them: keys sorted, slashes not
/// escaped, and every field present — an optional that is nil is `null` (scripts can rely
/// on every key being there; `JSONEncoder` would leave it out).
public enum AdminJSON {
    /// The value as pretty-printed JSON text.
    public static func text(_ value: Any) throws -> String {
        String(decoding: try data(value, pretty: true), as: UTF8.self)
    }

    /// The value as JSON bytes (compact unless `pretty`).
    public static func data(_ value: Any, pretty: Bool = false) throws -> Data {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        return try JSONSerialization.data(withJSONObject: object(value), options: options)
    }

    /// The value as Foundation JSON objects (dictionaries, arrays, numbers, strings, NSNull).
    public static func object(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { object($0.value) } ?? NSNull()
        case .collection, .set:
            return mirror.children.map { object($0.value) }
        case .struct, .class:
            var result: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                result[label.hasPrefix("`") ? String(label.dropFirst().dropLast()) : label] = object(child.value)
            }
            return result
        default:
            return value
        }
    }
}
