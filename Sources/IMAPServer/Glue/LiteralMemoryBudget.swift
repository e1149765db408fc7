import IMAPProtocol
import Synchronization

/// How many octets of large literals (APPEND messages) all IMAP connections
/// of this process may hold in memory at once (issue 23, finding 4: 8 parallel 20 MB
/// APPENDs took 375 MB). The largest are written to a file instead (`LiteralSpillFile`)
/// and not counted. A connection asks before it sends "+ Ready", or as soon as a
/// non-synchronizing (LITERAL+) one is announced; when the budget is spent the socket is
/// not read meanwhile, and the command is refused with `NO [LIMIT]` only if no room
/// appears within `maximumWait`.
public final class LiteralMemoryBudget: Sendable {
    /// Literals below this size are never counted (commands, flags, small messages).
    public static let smallLiteral = 256 * 1024
    public static let shared = LiteralMemoryBudget(capacity: 48 << 20)

    public let capacity: Int
    private let used = Mutex(0)

    public init(capacity: Int) { self.capacity = capacity }

    /// Reserves `size` octets; a literal larger than the whole capacity is let through
    /// alone, when nothing else is reserved (APPENDLIMIT already bounds its size).
    public func tryReserve(_ size: Int) -> Bool {
        used.withLock { used in
            guard used + size <= capacity || used == 0 else { return false }
            used += size
            return true
        }
    }

    public func release(_ size: Int) {
        guard size > 0 else { return }
        used.withLock { $0 = max(0, $0 - size) }
    }

    public var reserved: Int { used.withLock { $0 } }
}

extension IMAPCommandReader {
    /// A reader that announces non-synchronizing literals the budget counts
    /// (`LiteralMemoryBudget.smallLiteral` and up), so they are counted too, and hands
    /// APPEND literals from `LiteralSpillFile.threshold` on out in chunks for a file
    /// (those take none of the budget).
    static func countingLargeLiterals() -> IMAPCommandReader {
        var reader = IMAPCommandReader()
        reader.reportedLiteralSize = LiteralMemoryBudget.smallLiteral
        reader.spillLiteralSize = LiteralSpillFile.threshold
        return reader
    }
}
