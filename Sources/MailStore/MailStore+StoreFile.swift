import Durability
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Storing a message that is already in a file: a large IMAP APPEND literal written to
/// `literalSpoolDirectory` as it arrived (issue 23, finding 4), so it never sits in memory.
extension MailStore {
    /// `mail/.literals/`: inside `mail/`, so storing is a rename — one file system, the one
    /// the sync barrier flushes — and no copy; the leading dot keeps it apart from user
    /// names (`NameRules` refuses them) and out of the Maildir reconciliation.
    public var literalSpoolDirectory: String { mailRoot.path + "/.literals" }

    /// Makes `literalSpoolDirectory`, the first time in this process emptying it of what a
    /// process that died mid-APPEND left behind; later calls return at once (the files in
    /// it are then this process's own). Blocking.
    public func prepareLiteralSpool() throws {
        try LiteralSpoolPreparation.shared.once(literalSpoolDirectory) { directory in
            try DurableFile.makeDirectories(directory)
            for name in DurableFile.list(directory) { try DurableFile.remove(directory + "/" + name) }
        }
    }

    /// `stage(_:into:…)` for a message in the file at `path`, which must hold exactly
    /// `expectedSize` octets (fewer means its writer failed): it is read in 64 KB chunks
    /// for its sizes (`S=`, `W=`), then renamed into the Maildir (copied in chunks when
    /// that crosses file systems). When this throws, the file is left to its owner. No
    /// ENVELOPE/BODYSTRUCTURE is computed (`structureEncoder` needs the whole message in
    /// memory): the first FETCH computes and caches them, as for files dropped in.
    public func stage(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, tag: String? = nil,
                      internalDate: Date = Date(), flags: MessageFlags = [], keywords: [String] = []) throws -> StagedMessage {
        var counter = CRLFSizeCounter()
        try Self.readChunks(of: path) { counter.add($0) }
        guard counter.size == expectedSize else {
            throw FileSystemError("\(path) holds \(counter.size) of \(expectedSize) octets", errno: EIO)
        }
        let base = MaildirFileName.base(time: internalDate, tag: tag ?? MaildirFileName.uniqueTag(), host: hostName,
                                        size: counter.size, crlfSize: counter.crlfSize)
        let folder = self.path(mailbox)
        let inNew = flags.isEmpty && keywords.isEmpty
        let final = inNew ? folder + "/new/" + base : folder + "/cur/" + MaildirFileName.curName(base: base, flags: flags)
        let before = MaildirTimes(folder: folder)
        if Glibc.rename(path, final) != 0 {
            guard errno == EXDEV else { throw FileSystemError("rename \(path) to \(final)") }
            try Self.copyAcrossFileSystems(path, to: folder + "/tmp/" + base, then: final)
            try? DurableFile.remove(path)
        }
        var staged = StagedMessage(mailboxID: mailbox.id, owner: mailbox.owner, base: base, inNew: inNew, flags: flags,
                                   keywords: keywords, internalDate: Int64(internalDate.timeIntervalSince1970),
                                   size: counter.size, path: final)
        staged.folderChange = MaildirTimes.Change(before: before, after: MaildirTimes(folder: folder))
        return staged
    }

    /// `store(_:into:…)` for a message in a file (see `stage(fileAt:…)`): staged, synced
    /// by one barrier round, indexed.
    public func store(fileAt path: String, expectedSize: Int, into mailbox: Mailbox, internalDate: Date = Date(),
                      flags: MessageFlags = [], keywords: [String] = []) async throws -> StoredMessage {
        writesInFlight.begin(mailbox.id)
        defer { writesInFlight.end(mailbox.id) }
        let staged = try await BlockingIO.run { [self] in
            try stage(fileAt: path, expectedSize: expectedSize, into: mailbox, internalDate: internalDate,
                      flags: flags, keywords: keywords)
        }
        do {
            try await barrier.sync()
            let stored = try await BlockingIO.run { [self] in
                try database.write { db in try commit([staged], in: db) }
            }
            changes.changed([mailbox.id])
            return stored[0]
        } catch {
            try? DurableFile.remove(staged.path)
            throw error
        }
    }

    /// Reads a file in chunks of 64 KB, so a large message never sits in memory whole.
    static func readChunks(of path: String, _ body: ([UInt8]) throws -> Void) throws {
        let reader = try FileChunkReader(path: path)
        defer { reader.close() }
        while true {
            let chunk = try reader.read(upTo: 1 << 16)
            if chunk.isEmpty { return }
            try body(chunk)
        }
    }

    /// Maildir delivery for a file on another file system: a copy into `tmp/`, then the
    /// rename into `new/` or `cur/`.
    private static func copyAcrossFileSystems(_ source: String, to temporary: String, then final: String) throws {
        try? DurableFile.remove(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileSystemError("create \(temporary)") }
        do {
            defer { close(fd) }
            try readChunks(of: source) { try DurableFile.writeAll(fd, $0, path: temporary) }
            try DurableFile.rename(temporary, final)
        } catch {
            try? DurableFile.remove(temporary)
            throw error
        }
    }
}

/// A message's size and its size with every bare LF counted as CRLF (the `W=` of its
/// Maildir name, `MaildirFileName.crlfSize(of:)`), counted chunk by chunk.
public struct CRLFSizeCounter: Hashable, Sendable {
    public private(set) var size = 0
    public private(set) var crlfSize = 0
    /// The last octet seen: a CR at the end of one chunk pairs with an LF opening the next.
    private var previous: UInt8 = 0

    public init() {}

    public mutating func add(_ chunk: some Collection<UInt8>) {
        for byte in chunk {
            crlfSize += byte == 0x0A && previous != 0x0D ? 2 : 1
            previous = byte
        }
        size += chunk.count
    }
}

/// Which literal spool directories this process has emptied of an earlier process's files.
final class LiteralSpoolPreparation: Sendable {
    static let shared = LiteralSpoolPreparation()
    private let prepared = Mutex<Set<String>>([])

    /// Runs `prepare` for `directory` the first time; a failed attempt is retried next time.
    /// Under the lock, so no caller goes on before the directory is ready.
    func once(_ directory: String, _ prepare: (String) throws -> Void) throws {
        try prepared.withLock { prepared in
            guard !prepared.contains(directory) else { return }
            try prepare(directory)
            prepared.insert(directory)
        }
    }
}
