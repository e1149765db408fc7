import Directory
import Foundation
import Logging
import MailStore

/// Expunges what has been in a user's Junk longer than their retention
/// (`spam.retention_days`, or the user's own; 0 = never), counted from when each message
/// entered Junk, not from its date (issue 14). Every expunge is logged.
public struct JunkRetention: Sendable {
    let store: MailStore
    let directory: DirectoryStore
    let logger: Logger

    public init(store: MailStore, directory: DirectoryStore, logger: Logger) {
        self.store = store
        self.directory = directory
        self.logger = logger
    }

    /// One pass over every user; returns how many messages went, per user.
    @discardableResult
    public func expire(now: Date = Date()) -> [String: Int] {
        var expunged: [String: Int] = [:]
        let users: [User]
        do { users = try directory.users() } catch {
            logger.error("junk retention: cannot list users: \(error)")
            return [:]
        }
        for user in users {
            do {
                let days = try directory.spamRetentionDays(forUser: user.name)
                guard days > 0 else { continue }
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                for mailbox in try store.mailboxes(owner: .user(user.name)) where mailbox.isJunk {
                    let old = try store.messages(in: mailbox, addedBefore: cutoff)
                    guard !old.isEmpty else { continue }
                    let gone = try store.expunge(mailbox, uids: old)
                    expunged[user.name, default: 0] += gone.count
                    logger.info("junk retention: user=\(user.name), box=\(mailbox.name), expunged=\(gone.count), older than \(days) days in Junk")
                }
            } catch {
                logger.error("junk retention: user=\(user.name): \(error)")
            }
        }
        return expunged
    }
}
