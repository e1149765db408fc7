import Foundation
import IMAPProtocol
import MailCore

/// IMAP4rev2 (RFC 9051) for clients that ENABLE it (RFC 9051 §6.3.1), beside IMAP4rev1.
/// What changes for such a client (RFC 9051 Appendix E, server-side items):
/// - item 4: SEARCH is answered with ESEARCH;
/// - item 9: SELECT/EXAMINE with a mailbox selected sends `OK [CLOSED]` first;
/// - item 10: SELECT/EXAMINE return an untagged LIST response for the mailbox;
/// - items 11, 12: no UNSEEN response code, no RECENT response, no \Recent flag;
/// - item 16: mailbox names are UTF-8 both ways (RFC 9051 §5.1), not modified UTF-7;
/// - item 21: unsolicited FETCH responses carry the UID (always so in Postino).
/// The other items (folded-in extensions, STATUS SIZE/DELETED, 64-bit sizes, COPYUID for
/// MOVE, TRYCREATE, deprecated RFC822/LSUB/CHECK still served) need no switch.
extension IMAPSession {
    /// RFC 9051 §5.1: after ENABLE IMAP4rev2 names travel in UTF-8; the rest of the
    /// session works with the modified UTF-7 form, so incoming names are re-encoded.
    func fromClientNames(_ kind: IMAPCommand.Kind) -> IMAPCommand.Kind {
        guard imap4rev2 else { return kind }
        func name(_ n: IMAPMailboxName) -> IMAPMailboxName { IMAPMailboxName(decoded: n.encoded) }
        switch kind {
        case .select(let n, let p): return .select(name(n), p)
        case .examine(let n, let p): return .examine(name(n), p)
        case .create(let n, let uses): return .create(name(n), specialUse: uses)
        case .delete(let n): return .delete(name(n))
        case .rename(let from, let to): return .rename(from: name(from), to: name(to))
        case .subscribe(let n): return .subscribe(name(n))
        case .unsubscribe(let n): return .unsubscribe(name(n))
        case .list(var command):
            command.reference = ModifiedUTF7.encode(command.reference)
            command.patterns = command.patterns.map(ModifiedUTF7.encode)
            return .list(command)
        case .lsub(let reference, let pattern): return .lsub(reference: ModifiedUTF7.encode(reference), pattern: ModifiedUTF7.encode(pattern))
        case .status(let n, let attributes): return .status(name(n), attributes)
        case .append(var command):
            command.mailbox = name(command.mailbox)
            return .append(command)
        case .copy(var command):
            command.mailbox = name(command.mailbox)
            return .copy(command)
        case .move(var command):
            command.mailbox = name(command.mailbox)
            return .move(command)
        case .getACL(let n): return .getACL(name(n))
        case .setACL(let n, let identifier, let rights): return .setACL(name(n), identifier: identifier, rights: rights)
        case .deleteACL(let n, let identifier): return .deleteACL(name(n), identifier: identifier)
        case .listRights(let n, let identifier): return .listRights(name(n), identifier: identifier)
        case .myRights(let n): return .myRights(name(n))
        case .getQuotaRoot(let n): return .getQuotaRoot(name(n))
        case .notify(.set(let status, let groups)):
            return .notify(.set(status: status, groups: groups.map { group in
                var group = group
                switch group.filter {
                case .subtree(let names): group.filter = .subtree(names.map(name))
                case .mailboxes(let names): group.filter = .mailboxes(names.map(name))
                default: break
                }
                return group
            }))
        default: return kind
        }
    }
}

/// Turns the mailbox names of responses into UTF-8 once the client enabled IMAP4rev2
/// (RFC 9051 §5.1); a pass-through before.
final class MailboxNameSink: IMAPResponseSink, @unchecked Sendable {
    // @unchecked: `utf8` is only touched under `lock`.
    private let base: any IMAPResponseSink
    private let lock = NSLock()
    private var utf8 = false

    init(base: any IMAPResponseSink) { self.base = base }

    func useUTF8() { lock.withLock { utf8 = true } }

    func send(_ responses: [IMAPResponse]) async {
        guard lock.withLock({ utf8 }) else { return await base.send(responses) }
        await base.send(responses.map(Self.utf8Names))
    }

    static func utf8(_ name: IMAPMailboxName) -> IMAPMailboxName {
        name.decoded.map { IMAPMailboxName(encoded: $0) } ?? name
    }

    static func utf8Names(_ response: IMAPResponse) -> IMAPResponse {
        guard case .untagged(let data) = response else { return response }
        switch data {
        case .list(var item):
            item.name = utf8(item.name)
            item.oldName = item.oldName.map(utf8)
            return .untagged(.list(item))
        case .lsub(var item):
            item.name = utf8(item.name)
            return .untagged(.lsub(item))
        case .status(let name, let values): return .untagged(.status(utf8(name), values))
        case .acl(let name, let entries): return .untagged(.acl(utf8(name), entries))
        case .listRights(let name, let identifier, let required, let optional):
            return .untagged(.listRights(utf8(name), identifier: identifier, required: required, optional: optional))
        case .myRights(let name, let rights): return .untagged(.myRights(utf8(name), rights: rights))
        case .quotaRoot(let name, let roots): return .untagged(.quotaRoot(utf8(name), roots: roots))
        default: return response
        }
    }
}
