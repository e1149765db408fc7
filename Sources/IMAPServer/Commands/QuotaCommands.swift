import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// The user's quota root is "" (RFC 9208 §3.2): one storage limit for all their
    /// mailboxes, in units of 1024 octets; no limit, no resource.
    func quotaResources(of owner: String) async throws -> [IMAPQuotaResource] {
        let store = store, directory = environment.directory
        return try await BlockingIO.run {
            guard let limit = try directory.effectiveQuota(forUser: owner) else { return [] }
            let used = try store.usage(of: .user(owner)).bytes
            return [IMAPQuotaResource(name: "STORAGE", usage: UInt64(max(0, used) / 1024), limit: UInt64(limit / 1024))]
        }
    }

    func getQuotaRoot(_ tag: String, _ name: IMAPMailboxName) async throws {
        let target = try await access(name, need: "r")
        guard case .user(let owner) = target.mailbox.owner, owner == userName else {
            await finish(tag, .ok, "GETQUOTAROOT completed", allowExpunge: true, before: [.untagged(.quotaRoot(name, roots: []))])
            return
        }
        let resources = try await quotaResources(of: owner)
        await finish(tag, .ok, "GETQUOTAROOT completed", allowExpunge: true, before: [
            .untagged(.quotaRoot(name, roots: [""])), .untagged(.quota(root: "", resources)),
        ])
    }

    func getQuota(_ tag: String, _ root: String) async throws {
        guard root.isEmpty else { throw IMAPCommandFailure(.no, .nonexistent, "No such quota root") }
        let resources = try await quotaResources(of: userName)
        await finish(tag, .ok, "GETQUOTA completed", allowExpunge: true, before: [.untagged(.quota(root: "", resources))])
    }
}
