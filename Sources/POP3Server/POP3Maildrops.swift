import Durability
import Foundation
import MailStore
import POP3Protocol

/// The POP3 view of a user's INBOX: the listing with UIDLs that never change (they are
/// the message's IMAP UID and the mailbox's UIDVALIDITY, in Dovecot's `%08Xu%08Xv`
/// form, so POP3 and IMAP agree and flags do not matter), locking, and deletion at QUIT.
struct POP3Maildrops: Sendable {
    let store: any MailStorage
    let locks: any MaildropLocking

    struct Opened: Sendable {
        var token: UUID
        var mailbox: Mailbox
        var messages: [POP3MessageInfo]
        var records: [MessageRecord]
    }

    enum OpenResult: Sendable {
        case opened(Opened)
        case inUse
    }

    func open(user: String) throws -> OpenResult {
        guard let token = locks.acquire(user) else { return .inUse }
        do {
            let inbox = try store.ensureMailbox(owner: .user(user), name: "INBOX")
            let records = try store.messages(in: inbox.id)
            let messages = records.map { record in
                POP3MessageInfo(octets: record.servedSize,
                                uidl: Self.uidl(uid: record.uid, uidValidity: inbox.uidValidity))
            }
            return .opened(Opened(token: token, mailbox: inbox, messages: messages, records: records))
        } catch {
            locks.release(user, token: token)
            throw error
        }
    }

    static func uidl(uid: UInt32, uidValidity: UInt32) -> String {
        hex8(uid) + hex8(uidValidity)
    }

    static func uid(fromUIDL uidl: String) -> UInt32? {
        guard uidl.count == 16 else { return nil }
        return UInt32(uidl.prefix(8), radix: 16)
    }

    private static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// UPDATE state: removes the messages marked for deletion.
    func commit(user: String, opened: Opened, deletions: [POP3MessageReference]) throws {
        defer { locks.release(user, token: opened.token) }
        let uids = deletions.compactMap { Self.uid(fromUIDL: $0.uidl) }
        try store.expunge(opened.mailbox, uids: uids)
    }

    func release(user: String, opened: Opened) {
        locks.release(user, token: opened.token)
    }
}
