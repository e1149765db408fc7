import Dispatch
import Durability
import MailStore
#if canImport(Glibc)
import Glibc
#endif

/// A large APPEND literal written to `MailStore.literalSpoolDirectory` as it arrives
/// (issue 23, finding 4), so it is never held in memory whole. Writes run in order on a
/// private serial queue: the event loop never waits on the disk. A failed write is
/// remembered and later writes skipped; the store then finds the file short and refuses it.
///
/// Owned by one connection, which calls `remove()` on every path once the file is no
/// longer needed (stored messages have been renamed away by then: the unlink finds none).
final class LiteralSpillFile: @unchecked Sendable {
    /// Spilled literals start at this size; smaller ones stay in memory under
    /// `LiteralMemoryBudget`. 1 MB: one file per message only for the rare large ones, while
    /// what the budget holds stays small.
    static let threshold = 1 << 20

    let path: String
    private let writer = DispatchQueue(label: "postino.imap.literal")
    // Touched only on `writer`.
    private var fd: Int32 = -1
    private var failure: String?

    /// Creates the file (0600, exclusively) on the writer queue.
    init(store: any MailStorage) {
        path = store.literalSpoolDirectory + "/" + MaildirFileName.uniqueTag()
        writer.async { [self] in
            do {
                try store.prepareLiteralSpool()
                fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if fd < 0 { throw FileSystemError("create \(path)") }
            } catch {
                failure = "\(error)"
            }
        }
    }

    /// Queues `bytes` for writing; `written` runs on the writer queue once they are.
    func write(_ bytes: [UInt8], written: @escaping @Sendable () -> Void) {
        writer.async { [self] in
            if failure == nil {
                do { try DurableFile.writeAll(fd, bytes, path: path) } catch { failure = "\(error)" }
            }
            written()
        }
    }

    /// Waits until every queued write is done and closes the file; returns the first
    /// error, if any (for the log: the store's size check refuses the message anyway).
    func close() async -> String? {
        await withCheckedContinuation { continuation in
            writer.async { [self] in
                closeDescriptor()
                continuation.resume(returning: failure)
            }
        }
    }

    /// Closes and unlinks the file after whatever is queued.
    func remove() {
        writer.async { [self] in
            closeDescriptor()
            unlink(path)
        }
    }

    private func closeDescriptor() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }
}
