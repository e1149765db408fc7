import Foundation

/// Writes the store is making to a mailbox right now (APPEND, COPY/MOVE, STORE, EXPUNGE):
/// files staged or renamed but not yet matched by the index. A reconciliation that ran
/// meanwhile would take them for foreign files (index a staged copy, revert a flag
/// change, expunge a row whose file is being renamed), so IMAP's SELECT skips it while
/// any is in flight; the next SELECT catches up.
public final class MailboxWritesInFlight: @unchecked Sendable {
    // @unchecked: `counts` is only touched under `lock`.
    private let lock = NSLock()
    private var counts: [Int64: Int] = [:]

    public init() {}

    public func begin(_ mailboxIDs: Int64...) {
        lock.withLock { for id in mailboxIDs { counts[id, default: 0] += 1 } }
    }

    public func end(_ mailboxIDs: Int64...) {
        lock.withLock {
            for id in mailboxIDs {
                let n = (counts[id] ?? 1) - 1
                counts[id] = n > 0 ? n : nil
            }
        }
    }

    public func isBusy(_ mailboxID: Int64) -> Bool {
        lock.withLock { counts[mailboxID] != nil }
    }
}
