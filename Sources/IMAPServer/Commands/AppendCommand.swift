import Durability
import Foundation
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// APPEND (RFC 3501 §6.3.11) with APPENDUID (RFC 4315), APPENDLIMIT (RFC 7889) and
    /// quota (RFC 9208 §4.2: OVERQUOTA).
    func append(_ tag: String, _ command: IMAPAppendCommand) async throws {
        let target: Access
        do {
            target = try await access(command.mailbox, need: "i")
        } catch let failure as IMAPCommandFailure where failure.code == .nonexistent {
            throw IMAPCommandFailure(.no, .tryCreate, "Mailbox doesn't exist")
        }
        guard command.message.count <= settings.appendLimit else {
            throw IMAPCommandFailure(.no, .tooBig, "Message larger than the server accepts")
        }
        let bytes = Array(command.message)
        try await checkQuota(adding: Int64(bytes.count), to: target)
        var flags: MessageFlags = []
        var keywords: [String] = []
        for flag in command.flags where flag != .recent {
            if let system = MessageFlags(imapName: flag.name) { flags.insert(system) } else if flag.isKeyword { keywords.append(flag.name) }
        }
        if !target.has("s") { flags.remove(.seen) }
        if !target.has("t") { flags.remove(.deleted) }
        if !target.has("w") { flags = flags.intersection([.seen, .deleted]); keywords = [] }
        let date = command.internalDate.map { Date(timeIntervalSince1970: TimeInterval($0.secondsSince1970)) } ?? Date()
        let stored = try await store.store(bytes, into: target.mailbox, internalDate: date, flags: flags, keywords: keywords)
        await refreshUsage(of: target.mailbox.owner)
        logAction("save: box=\(target.location.storeName), uid=\(stored.uid), size=\(bytes.count)")
        await finish(tag, .ok, code: .appendUID(uidValidity: target.mailbox.uidValidity,
                                                uids: IMAPSequenceSet(compacting: [stored.uid])),
                     "APPEND completed", allowExpunge: true)
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
