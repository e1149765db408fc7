import Hummingbird

extension AdminRequestContext {
    /// A path parameter, percent-decoded (`info%40example.com` → `info@example.com`).
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

/// A JSON field that may be absent (leave as it is), `null` (clear) or a value (set): the
/// double optionals of the change types.
enum Patch<Value: Decodable & Sendable>: Sendable {
    case absent
    case clear
    case set(Value)

    var value: Value?? {
        switch self {
        case .absent: return nil
        case .clear: return .some(nil)
        case let .set(v): return .some(v)
        }
    }
}

extension KeyedDecodingContainer {
    func patch<V: Decodable & Sendable>(_ type: V.Type, forKey key: Key) throws -> Patch<V> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .clear }
        return .set(try decode(V.self, forKey: key))
    }
}

/// A quota as JSON: bytes (`2147483648`), or text as the CLI takes it (`"2G"`, `"none"`,
/// `"default"`).
struct QuotaField: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let bytes = try? container.decode(Int64.self) {
            text = bytes == 0 ? "none" : String(bytes)
        } else {
            text = try container.decode(String.self)
        }
    }
}
