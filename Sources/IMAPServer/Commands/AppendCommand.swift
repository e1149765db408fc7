import Durability
import Foundation
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// APPEND (RFC 3501 §6.3.11) with APPENDUID (RFC 4315), APPENDLIMIT (RFC 7889), quota
    /// (RFC 9208 §4.2: OVERQUOTA) and MULTIAPPEND (RFC 3502: several messages, all stored
    /// or none — they are staged, synced and indexed in one transaction).
    func append(_ tag: String, _ command: IMAPAppendCommand) async throws {
        let target: Access
        do {
            target = try await access(command.mailbox, need: "i")
        } catch let failure as IMAPCommandFailure where failure.code == .nonexistent {
            throw IMAPCommandFailure(.no, .tryCreate, "Mailbox doesn't exist")
        }
        var parts = command.parts
        // RFC 4469: a CATENATE message is its pieces, URLs resolved, put together (in
        // memory, within APPENDLIMIT; a spilled text piece is read back from its file).
        for i in parts.indices {
            guard let pieces = parts[i].catenate else { continue }
            var bytes: [UInt8] = []
            for piece in pieces {
                switch piece {
                case .text(let text): bytes += text
                case .spilledText(let spilled):
                    let path = try Self.spilledFile(spilled, of: command)
                    bytes += try await BlockingIO.run { try DurableFile.read(path) }
                case .url(let url): bytes += try await resolveCatenateURL(url)
                }
                if bytes.count > settings.appendLimit {
                    throw IMAPCommandFailure(.no, .tooBig, "Message larger than the server accepts")
                }
            }
            parts[i].message = bytes[...]
        }
        // A spilled message's size is its literal's, exactly what its file holds (the store
        // checks), so APPENDLIMIT and quota are decided before anything is stored.
        let contents = try parts.map { part -> AppendContent in
            guard let spilled = part.spilled else { return .bytes(Array(part.message)) }
            return .file(try Self.spilledFile(spilled, of: command), size: spilled.size)
        }
        guard contents.allSatisfy({ $0.size <= settings.appendLimit }) else {
            throw IMAPCommandFailure(.no, .tooBig, "Message larger than the server accepts")
        }
        try await checkQuota(adding: contents.reduce(Int64(0)) { $0 + Int64($1.size) }, to: target)
        let messages = zip(parts, contents).map { part, content -> AppendedMessage in
            var flags: MessageFlags = []
            var keywords: [String] = []
            for flag in part.flags where flag != .recent {
                if let system = MessageFlags(imapName: flag.name) { flags.insert(system) } else if flag.isKeyword { keywords.append(flag.name) }
            }
            if !target.has("s") { flags.remove(.seen) }
            if !target.has("t") { flags.remove(.deleted) }
            if !target.has("w") { flags = flags.intersection([.seen, .deleted]); keywords = [] }
            let date = part.internalDate.map { Date(timeIntervalSince1970: TimeInterval($0.secondsSince1970)) } ?? Date()
            return AppendedMessage(content: content, date: date, flags: flags, keywords: keywords)
        }
        let store = store, mailbox = target.mailbox
        let uids: [UInt32]
        if messages.count == 1, let only = messages.first {
            switch only.content {
            case .bytes(let bytes):
                uids = [try await store.store(bytes, into: mailbox, internalDate: only.date, flags: only.flags,
                                              keywords: only.keywords).uid]
            case .file(let path, let size):
                uids = [try await store.store(fileAt: path, expectedSize: size, into: mailbox, internalDate: only.date,
                                              flags: only.flags, keywords: only.keywords).uid]
            }
        } else {
            uids = try await storeAll(messages, into: mailbox)
        }
        await refreshUsage(of: mailbox.owner)
        if mailbox.isJunk { await reportJunkTraining(.spam, mailbox: mailbox, uids: uids, reason: "append into Junk") }
        logAction("save: box=\(target.location.storeName), \(uids.count == 1 ? "uid=\(uids[0])" : "uids=\(IMAPNumberSet(uids))"), size=\(messages.reduce(0) { $0 + $1.content.size })")
        await finish(tag, .ok, code: .appendUID(uidValidity: mailbox.uidValidity, uids: IMAPSequenceSet(compacting: uids)),
                     "APPEND completed", allowExpunge: true)
    }

    /// MULTIAPPEND: every message staged, one sync, one transaction (RFC 3502 §6.3.11:
    /// "If the server returns NO for any message, none of the messages are appended").
    private func storeAll(_ messages: [AppendedMessage], into mailbox: Mailbox) async throws -> [UInt32] {
        let store = store
        let staged = try await BlockingIO.run { () -> [StagedMessage] in
            var staged: [StagedMessage] = []
            do {
                for message in messages {
                    switch message.content {
                    case .bytes(let bytes):
                        staged.append(try store.stage(bytes, into: mailbox, internalDate: message.date, flags: message.flags,
                                                      keywords: message.keywords))
                    case .file(let path, let size):
                        staged.append(try store.stage(fileAt: path, expectedSize: size, into: mailbox, internalDate: message.date,
                                                      flags: message.flags, keywords: message.keywords))
                    }
                }
            } catch {
                store.discard(staged)
                throw error
            }
            return staged
        }
        do {
            return try await store.commit(staged).map(\.uid)
        } catch {
            store.discard(staged)
            throw error
        }
    }

    /// Where the I/O layer wrote a spilled literal (`LiteralSpillFile`).
    private static func spilledFile(_ spilled: IMAPSpilledLiteral, of command: IMAPAppendCommand) throws -> String {
        guard command.spilledFiles.indices.contains(spilled.index) else {
            throw IMAPCommandFailure(.no, .serverBug, "Message data missing")
        }
        return command.spilledFiles[spilled.index]
    }

    /// Refuses to store more than the owner's quota (personal mailboxes; shared and public
    /// mailboxes count for their owner).
    func checkQuota(adding bytes: Int64, to target: Access) async throws {
        guard case .user(let owner) = target.mailbox.owner else { return }
        let store = store, directory = environment.directory
        let over = try await BlockingIO.run { () -> Bool in
            guard let limit = try directory.effectiveQuota(forUser: owner) else { return false }
            return try store.usage(of: .user(owner)).bytes + bytes > limit
        }
        if over { throw IMAPCommandFailure(.no, .overQuota, "Quota exceeded") }
    }

    func refreshUsage(of owner: MailboxOwner) async {
        guard case .user(let name) = owner else { return }
        let store = store, directory = environment.directory
        try? await BlockingIO.run {
            let usage = try store.usage(of: owner)
            try directory.setQuotaUsage(name, bytes: usage.bytes)
        }
    }
}

/// An APPEND message's octets: in memory, or in the file a large literal was spilled to
/// (issue 23, finding 4), stored from there without being read into memory.
enum AppendContent: Sendable {
    case bytes([UInt8])
    case file(String, size: Int)

    var size: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .file(_, let size): size
        }
    }
}

/// One message of an APPEND, ready to store.
struct AppendedMessage: Sendable {
    var content: AppendContent
    var date: Date
    var flags: MessageFlags
    var keywords: [String]
}
