import Foundation
import MailStore
import Synchronization

/// A `MailStorage` that keeps everything in memory: mailboxes with UIDVALIDITY, UIDNEXT,
/// HIGHESTMODSEQ and the \Recent mark, messages with flags, keywords and MODSEQs, expunged
/// UIDs for QRESYNC, per-user \Seen, subscriptions, ACLs, usage, and expunged messages held
/// for the sessions not told yet (RFC 2180 §4.1.1). For unit tests of the protocol
/// sessions: behaviour follows `MailStore`, without files, durability or reconciliation.
public final class InMemoryMailStorage: MailStorage {
    public let changes: any MailboxChangeNotifying = MailboxChangeHub()
    public let writesInFlight = MailboxWritesInFlight()
    /// A directory of its own under the system's temporary directory (spilled APPEND
    /// literals still arrive as files).
    public let literalSpoolDirectory: String
    /// Named in the notices local delivery writes (as `MailStore`'s).
    public let hostName: String
    let structureEncoder: MessageStructure.Encoder?
    let state = Mutex(State())

    /// `structureEncoder`: as `MailStore`'s, nil leaves ENVELOPE/BODYSTRUCTURE to the first FETCH.
    public init(structureEncoder: MessageStructure.Encoder? = nil, hostName: String = "localhost") {
        self.structureEncoder = structureEncoder
        self.hostName = hostName
        literalSpoolDirectory = FileManager.default.temporaryDirectory.path + "/postino-memory-literals-" + UUID().uuidString
    }

    public func prepareLiteralSpool() throws {
        try FileManager.default.createDirectory(atPath: literalSpoolDirectory, withIntermediateDirectories: true)
    }

    // MARK: Mailboxes

    public func mailbox(owner: MailboxOwner, name: String) throws -> Mailbox? {
        state.withLock { $0.box(owner: owner, name: MailStore.canonicalName(name))?.mailbox }
    }

    public func mailbox(id: Int64) throws -> Mailbox? {
        state.withLock { $0.boxes[id]?.mailbox }
    }

    public func mailboxes(owner: MailboxOwner) throws -> [Mailbox] {
        state.withLock { state in
            state.boxes.values.map(\.mailbox).filter { $0.owner == owner }.sorted { $0.name < $1.name }
        }
    }

    @discardableResult
    public func ensureMailbox(owner: MailboxOwner, name: String, specialUse: String?) throws -> Mailbox {
        state.withLock { $0.ensure(owner: owner, name: MailStore.canonicalName(name), specialUse: specialUse) }
    }

    @discardableResult
    public func createMailbox(owner: MailboxOwner, name: String, specialUse: String?) throws -> Mailbox {
        let canonical = MailStore.canonicalName(name)
        return try state.withLock { state in
            if state.box(owner: owner, name: canonical) != nil { throw MailboxError.alreadyExists(canonical) }
            let components = canonical.split(separator: "/").map(String.init)
            for depth in 1..<max(1, components.count) {
                state.ensure(owner: owner, name: components.prefix(depth).joined(separator: "/"), specialUse: nil)
            }
            return state.ensure(owner: owner, name: canonical, specialUse: specialUse)
        }
    }

    public func deleteMailbox(_ mailbox: Mailbox) throws {
        if mailbox.owner != .publicNamespace && mailbox.name == "INBOX" { throw MailboxError.cannotDeleteInbox }
        try state.withLock { state in
            if state.boxes.values.contains(where: { $0.mailbox.owner == mailbox.owner && $0.mailbox.name.hasPrefix(mailbox.name + "/") }) {
                throw MailboxError.hasChildren(mailbox.name)
            }
            guard let box = state.boxes.removeValue(forKey: mailbox.id) else { return }
            state.addUsage(mailbox.owner, bytes: -box.messages.values.reduce(0) { $0 + Int64($1.record.size) },
                           messages: -Int64(box.messages.count))
            // Subscriptions stay (RFC 3501 §6.3.6).
        }
        changes.changed([mailbox.id])
    }

    public func renameMailbox(_ mailbox: Mailbox, to newName: String) async throws {
        let target = MailStore.canonicalName(newName)
        if mailbox.owner != .publicNamespace && mailbox.name == "INBOX" {
            // RFC 3501 §6.3.5: INBOX's messages move to the new mailbox; INBOX stays, empty.
            let destination = try createMailbox(owner: mailbox.owner, name: target, specialUse: nil)
            _ = try await copy(try messages(in: mailbox.id).map(\.uid), from: mailbox, to: destination, move: true, viewer: .shared)
            return
        }
        try state.withLock { state in
            if state.box(owner: mailbox.owner, name: target) != nil { throw MailboxError.alreadyExists(target) }
            let components = target.split(separator: "/").map(String.init)
            for depth in 1..<max(1, components.count) {
                state.ensure(owner: mailbox.owner, name: components.prefix(depth).joined(separator: "/"), specialUse: nil)
            }
            for id in state.boxes.keys {
                guard let old = state.boxes[id]?.mailbox, old.owner == mailbox.owner,
                      old.name == mailbox.name || old.name.hasPrefix(mailbox.name + "/") else { continue }
                let renamed = target + old.name.dropFirst(mailbox.name.count)
                state.boxes[id]?.mailbox.name = renamed
                state.boxes[id]?.mailbox.directory = "memory/" + mailbox.owner.key + "/" + renamed
                if case .user(let user) = mailbox.owner, state.subscriptions[user]?.remove(old.name) != nil {
                    state.subscriptions[user]?.insert(renamed)
                }
            }
        }
    }

    public func status(_ mailbox: Mailbox, viewer: FlagViewer) throws -> MailboxStatus {
        try state.withLock { state in
            guard let box = state.boxes[mailbox.id] else { throw MailboxError.nonexistent(mailbox.name) }
            return box.status(box.records(viewer: viewer))
        }
    }

    public func snapshot(_ mailbox: Mailbox, viewer: FlagViewer) throws -> (records: [MessageRecord], status: MailboxStatus) {
        try state.withLock { state in
            guard let box = state.boxes[mailbox.id] else { throw MailboxError.nonexistent(mailbox.name) }
            let records = box.records(viewer: viewer)
            return (records, box.status(records))
        }
    }

    public func claimRecentUIDs(_ mailbox: Mailbox) throws -> Range<UInt32> {
        state.withLock { state in
            guard let current = state.boxes[mailbox.id]?.mailbox else { return 1..<1 }
            let first = current.firstRecentUID, next = current.uidNext
            if next > first { state.boxes[mailbox.id]?.mailbox.firstRecentUID = next }
            return first..<max(first, next)
        }
    }

    /// No other program writes to memory.
    @discardableResult
    public func reconcileIfChanged(_ mailbox: Mailbox) throws -> MailStore.ReconcileReport { MailStore.ReconcileReport() }

    /// Nothing outlives the process.
    public func removeLeftoverGhosts(_ mailbox: Mailbox) {}

    public func usage(of owner: MailboxOwner) throws -> (bytes: Int64, messages: Int64) {
        state.withLock { state in
            let usage = state.usage[owner] ?? MailStore.StoredUsage(bytes: 0, messages: 0)
            return (usage.bytes, usage.messages)
        }
    }

    // MARK: Subscriptions and ACLs

    public func subscribe(user: String, name: String) throws {
        state.withLock { _ = $0.subscriptions[user, default: []].insert(MailStore.canonicalName(name)) }
    }

    public func unsubscribe(user: String, name: String) throws {
        state.withLock { _ = $0.subscriptions[user]?.remove(MailStore.canonicalName(name)) }
    }

    public func subscriptions(user: String) throws -> [String] {
        state.withLock { ($0.subscriptions[user] ?? []).sorted() }
    }

    public func acl(_ mailbox: Mailbox) throws -> [(identifier: String, rights: String)] {
        state.withLock { state in
            (state.boxes[mailbox.id]?.acl ?? [:]).sorted { $0.key < $1.key }.map { (identifier: $0.key, rights: $0.value) }
        }
    }

    public func setACL(_ mailbox: Mailbox, identifier: String, rights: String) throws {
        state.withLock { $0.boxes[mailbox.id]?.acl[identifier] = rights.isEmpty ? nil : MailStore.normalizedRights(rights) }
    }

    public func sharedMailboxes(visibleTo identifiers: [String]) throws -> [(Mailbox, String)] {
        state.withLock { state in
            state.boxes.values
                .sorted { ($0.mailbox.owner.key, $0.mailbox.name) < ($1.mailbox.owner.key, $1.mailbox.name) }
                .compactMap { box -> (Mailbox, String)? in
                    let rights = identifiers.compactMap { box.acl[$0] }
                    return rights.isEmpty ? nil : (box.mailbox, MailStore.normalizedRights(rights.joined()))
                }
        }
    }
}

/// A message the store was asked for is not there.
public struct InMemoryStorageError: Error, Equatable, CustomStringConvertible {
    public var description: String
}
