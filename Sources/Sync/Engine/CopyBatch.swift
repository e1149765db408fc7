import Durability
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import IMAPProtocol
import MailStore

/// Messages fetched for one folder: each is written into the Maildir as it arrives, and
/// every `limit` messages (or bytes) one file-system sync makes the batch durable before
/// one transaction indexes it and records it as copied (`SyncStore.commitCopies`).
actor CopyBatch {
    let mail: MailStore
    let store: any SyncStore
    let mailbox: Mailbox
    let localUser: String
    let remoteFolder: String
    let uidValidity: UInt32
    let tracker: SyncTracker
    let messageLimit: Int
    let byteLimit: Int
    private var pending: [SyncCopy] = []
    private var pendingBytes = 0
    private(set) var copiedUIDs: [UInt32] = []

    init(mail: MailStore, store: any SyncStore, mailbox: Mailbox, localUser: String, remoteFolder: String,
         uidValidity: UInt32, tracker: SyncTracker, messageLimit: Int, byteLimit: Int) {
        self.mail = mail
        self.store = store
        self.mailbox = mailbox
        self.localUser = localUser
        self.remoteFolder = remoteFolder
        self.uidValidity = uidValidity
        self.tracker = tracker
        self.messageLimit = messageLimit
        self.byteLimit = byteLimit
    }

    func add(_ fetch: IMAPClientFetch) async throws {
        guard let uid = fetch.uid, let body = fetch.body else {
            await tracker.update { $0.failed += 1 }
            return
        }
        let flagsText = RemoteMessage.normalized(fetch.flags ?? []).joined(separator: " ")
        let (flags, keywords) = RemoteMessage.split(flagsText)
        let date = fetch.internalDate.map { Date(timeIntervalSince1970: TimeInterval($0.secondsSince1970)) } ?? Date()
        // The same name on every attempt: a file left by a crashed run is overwritten, not doubled.
        let tag = "Sync\(uidValidity)U\(uid)F\(Self.folderHash(remoteFolder))"
        let mail = self.mail, mailbox = self.mailbox
        let staged = try await BlockingIO.run {
            let staged = try mail.stage(body, into: mailbox, tag: tag, internalDate: date, flags: flags, keywords: keywords)
            // The file's mtime is its internal date (as Dovecot keeps it): if a crash comes
            // before the index row, the reconciliation that indexes the file finds the date.
            var times = [timespec(tv_sec: Int(date.timeIntervalSince1970), tv_nsec: 0),
                         timespec(tv_sec: Int(date.timeIntervalSince1970), tv_nsec: 0)]
            _ = utimensat(AT_FDCWD, staged.path, &times, 0)
            return staged
        }
        pending.append(SyncCopy(staged: staged, remoteUID: uid, flags: flagsText))
        pendingBytes += body.count
        if pending.count >= messageLimit || pendingBytes >= byteLimit {
            try await flush()
        }
    }

    func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        let bytes = pendingBytes
        pending = []
        pendingBytes = 0
        do {
            try await mail.barrier.sync()
            _ = try await store.commitCopies(localUser, remoteFolder: remoteFolder, batch)
        } catch {
            for copy in batch { try? DurableFile.remove(copy.staged.path) }
            throw error
        }
        mail.changes.changed([mailbox.id])
        copiedUIDs.append(contentsOf: batch.map(\.remoteUID))
        await tracker.update {
            $0.copied += batch.count
            $0.bytes += Int64(bytes)
        }
    }

    /// FNV-1a of the folder name, in hex: distinct file names per folder.
    static func folderHash(_ name: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(hash, radix: 16)
    }
}
