import IMAPProtocol
import MailStore
import Synchronization

/// What the listing FETCH tells about one remote message.
struct RemoteMessage: Sendable {
    var uid: UInt32
    var flags: [String]
    var size: Int
    var internalDate: Int64?
    var identity: String

    init(_ fetch: IMAPClientFetch) {
        uid = fetch.uid ?? 0
        flags = RemoteMessage.normalized(fetch.flags ?? [])
        size = Int(fetch.size ?? 0)
        internalDate = fetch.internalDate?.secondsSince1970
        let header = fetch.sections.first { $0.key.uppercased().hasPrefix("HEADER") }?.value ?? fetch.body ?? []
        identity = MessageKey.identity(header: header)
    }

    var key: MessageKey? {
        guard let internalDate else { return nil }
        return MessageKey(identity: identity, size: size, internalDate: internalDate)
    }

    /// Sorted, without `\Recent` (session-only, RFC 3501 §2.3.2) and `\*`.
    static func normalized(_ flags: [String]) -> [String] {
        Array(Set(flags.filter { $0.lowercased() != "\\recent" && $0 != "\\*" })).sorted()
    }

    var flagsText: String { flags.joined(separator: " ") }

    /// System flags for the store and keywords apart.
    static func split(_ flagsText: String) -> (MessageFlags, [String]) {
        var system: MessageFlags = []
        var keywords: [String] = []
        for name in flagsText.split(separator: " ").map(String.init) {
            if let flag = MessageFlags(imapName: name) {
                system.insert(flag)
            } else if !name.hasPrefix("\\") {
                keywords.append(name)
            }
        }
        return (system, keywords)
    }
}

/// Collects values from `@Sendable` callbacks (FETCH handlers).
final class Collector<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])
    func add(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
