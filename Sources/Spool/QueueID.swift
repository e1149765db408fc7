import Foundation

/// A queue ID: the name of a message in the spool, in every log line about it and in its
/// `Received:` header. Twelve characters of a base-32 alphabet without look-alikes: eight
/// for the time in milliseconds (sorts by arrival, wraps after ~35 years) and four from a
/// process-wide counter that starts at a random value, so IDs never repeat within a
/// process (a million per millisecond) nor, through the time part, across restarts.
public struct QueueID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// 32 characters in ASCII order, so that IDs sort by time (no E, I, O, U: no
    /// look-alikes and no accidental words).
    static let alphabet = Array("0123456789ABCDFGHJKLMNPQRSTVWXYZ".utf8)

    public init?(_ text: String) {
        guard text.utf8.count == 12, text.utf8.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        rawValue = text
    }

    public static func generate(now: Date = Date()) -> QueueID {
        var millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var random = UInt64(QueueIDCounter.shared.next())
        var bytes = [UInt8](repeating: 0, count: 12)
        for i in (0..<8).reversed() {
            bytes[i] = alphabet[Int(millis & 31)]
            millis >>= 5
        }
        for i in (8..<12).reversed() {
            bytes[i] = alphabet[Int(random & 31)]
            random >>= 5
        }
        return QueueID(unchecked: String(decoding: bytes, as: UTF8.self))
    }

    private init(unchecked: String) { rawValue = unchecked }

    public var description: String { rawValue }
    public static func < (a: QueueID, b: QueueID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = QueueID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad queue ID \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The low part of queue IDs: a counter, so that IDs drawn in the same millisecond differ.
final class QueueIDCounter: @unchecked Sendable {
    // @unchecked: `value` is only touched under `lock`.
    static let shared = QueueIDCounter()
    private let lock = NSLock()
    private var value = UInt32.random(in: 0..<(1 << 20))

    func next() -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        value = (value &+ 1) & ((1 << 20) - 1)
        return value
    }
}
