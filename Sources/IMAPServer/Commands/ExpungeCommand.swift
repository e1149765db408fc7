import Durability
import IMAPProtocol
import MailStore

extension IMAPSession {
    /// The selected mailbox, or BAD when none (cannot happen after the state check).
    func selectedState() throws -> SelectedMailboxState {
        guard let selected else { throw IMAPCommandFailure(.bad, nil, "No mailbox selected") }
        return selected
    }

    /// UIDs named by a sequence set: UID sets keep the UIDs that exist (RFC 3501 §6.4.8),
    /// sequence sets must stay within the message count.
    func uids(_ set: IMAPSequenceSet, byUID: Bool) throws -> [UInt32] {
        let state = try selectedState()
        if set.isSavedResult {
            // RFC 5182 §2.1: "$" names the saved messages in UID and non-UID commands alike;
            // expunged ones have left it.
            return savedResult.filter { state.sequence(of: $0) != nil }
        }
        if byUID {
            let wanted = set.resolveUIDs(largestUID: state.maxUID)
            return wanted.filter(sorted: state.uids)
        }
        guard let numbers = set.resolveSequenceNumbers(messageCount: UInt32(state.count)) else {
            throw IMAPCommandFailure(.bad, nil, "Invalid message sequence number")
        }
        return numbers.compactMap { state.uid(at: Int($0)) }
    }

    /// EXPUNGE and UID EXPUNGE (RFC 4315 §2.1): the EXPUNGE/VANISHED responses come from
    /// the store's change log, like anyone else's expunges.
    func expunge(_ tag: String, only set: IMAPSequenceSet?) async throws {
        let state = try selectedState()
        guard !state.readOnly else { throw IMAPCommandFailure(.no, .readOnly, "Mailbox is read-only") }
        guard selectedRights.contains("e") else { throw IMAPCommandFailure(.no, .noPerm, "Permission denied") }
        let restrict = try set.map { try uids($0, byUID: true) }
        _ = try await removeDeleted(in: state, only: restrict)
        await finish(tag, .ok, "EXPUNGE completed", allowExpunge: true)
    }

    /// Expunges the messages flagged \Deleted (among `only` when given).
    func removeDeleted(in state: SelectedMailboxState, only: [UInt32]?) async throws -> [UInt32] {
        let store = store, mailbox = state.mailbox
        let removed = try await BlockingIO.run { () -> [UInt32] in
            var victims = try store.uids(in: mailbox.id, flagged: .deleted)
            if let only { let allowed = Set(only); victims = victims.filter { allowed.contains($0) } }
            return try store.expunge(mailbox, uids: victims)
        }
        if !removed.isEmpty {
            logAction("expunge: box=\(selectedLocation?.storeName ?? ""), uids=\(IMAPNumberSet(removed))")
            await refreshUsage(of: mailbox.owner)
        }
        return removed
    }
}
