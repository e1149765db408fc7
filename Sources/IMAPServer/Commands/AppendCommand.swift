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
        // RFC 4469: a CATENATE message is its pieces, URLs resolved, put together.
        for i in parts.indices {
            guard let pieces = parts[i].catenate else { continue }
            var bytes: [UInt8] = []
            for piece in pieces {
                switch piece {
                case .text(let text): bytes += text
                case .url(let url): bytes += try await resolveCatenateURL(url)
                }
                if bytes.count > settings.appendLimit {
                    throw IMAPCommandFailure(.no, .tooBig, "Message larger than the server accepts")
                }
            }
            parts[i].message = bytes[...]
        }
        guard parts.allSatisfy({ $0.message.count <= settings.appendLimit }) else {
            throw IMAPCommandFailure(.no, .tooBig, "Message larger than the server accepts")
        }
        try await checkQuota(adding: parts.reduce(Int64(0)) { $0 + Int64($1.message.count) }, to: target)
        let messages = parts.map { part -> (bytes: [UInt8], date: Date, flags: MessageFlags, keywords: [String]) in
            var flags: MessageFlags = []
            var keywords: [String] = []
            for flag in part.flags where flag != .recent {
                if let system = MessageFlags(imapName: flag.name) { flags.insert(system) } else if flag.isKeyword { keywords.append(flag.name) }
            }
            if !target.has("s") { flags.remove(.seen) }
            if !target.has("t") { flags.remove(.deleted) }
            if !target.has("w") { flags = flags.intersection([.seen, .deleted]); keywords = [] }
            let date = part.internalDate.map { Date(timeIntervalSince1970: TimeInterval($0.secondsSince1970)) } ?? Date()
            return (Array(part.message), date, flags, keywords)
        }
        let store = store, mailbox = target.mailbox
        let uids: [UInt32]
        if messages.count == 1, let only = messages.first {
            uids = [try await store.store(only.bytes, into: mailbox, internalDate: only.date, flags: only.flags,
                                          keywords: only.keywords).uid]
        } else {
            uids = try await storeAll(messages.map { ($0.bytes, $0.date, $0.flags, $0.keywords) }, into: mailbox)
        }
        await refreshUsage(of: mailbox.owner)
        if mailbox.isJunk { await reportJunkTraining(.spam, mailbox: mailbox, uids: uids, reason: "append into Junk") }
        logAction("save: box=\(target.location.storeName), \(uids.count == 1 ? "uid=\(uids[0])" : "uids=\(IMAPNumberSet(uids))"), size=\(messages.reduce(0) { $0 + $1.bytes.count })")
        await finish(tag, .ok, code: .appendUID(uidValidity: mailbox.uidValidity, uids: IMAPSequenceSet(compacting: uids)),
                     "APPEND completed", allowExpunge: true)
    }

    /// MULTIAPPEND: every message staged, one sync, one transaction (RFC 3502 §6.3.11:
    /// "If the server returns NO for any message, none of the messages are appended").
    private func storeAll(_ messages: [([UInt8], Date, MessageFlags, [String])], into mailbox: Mailbox) async throws -> [UInt32] {
        let store = store
        let staged = try await BlockingIO.run { () -> [StagedMessage] in
            var staged: [StagedMessage] = []
            do {
                for (bytes, date, flags, keywords) in messages {
                    staged.append(try store.stage(bytes, into: mailbox, internalDate: date, flags: flags, keywords: keywords))
                }
            } catch {
                for file in staged { try? DurableFile.remove(file.path) }
                throw error
            }
            return staged
        }
        do {
            try await store.barrier.sync()
            let stored = try await BlockingIO.run { try store.database.write { db in try store.commit(staged, in: db) } }
            store.changes.changed([mailbox.id])
            return stored.map(\.uid)
        } catch {
            for file in staged { try? DurableFile.remove(file.path) }
            throw error
        }
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
