import Foundation
import MailStore

/// Local delivery over memory: a staged message's base name is its tag, nothing needs
/// syncing, and nothing is left half-stored by a crash, so only indexed messages count.
extension InMemoryMailStorage: DeliveryMailStorage {
    public func baseName(for bytes: [UInt8], tag: String, internalDate: Date) -> String { tag }

    public func contains(base: String, in mailbox: Mailbox) throws -> Bool {
        state.withLock { state in
            state.boxes[mailbox.id]?.messages.values.contains { $0.record.base == base } ?? false
        }
    }

    public func mailbox(holding base: String, owner: MailboxOwner) throws -> Mailbox? {
        state.withLock { state in
            state.boxes.values.sorted { $0.mailbox.id < $1.mailbox.id }
                .first { $0.mailbox.owner == owner && $0.messages.values.contains { $0.record.base == base } }?.mailbox
        }
    }

    /// Counts the rounds, so tests can check that a batch takes one.
    public func makeStagedDurable() async throws {
        state.withLock { $0.durabilityRounds += 1 }
    }

    /// `makeStagedDurable` calls so far.
    public var durabilityRounds: Int { state.withLock { $0.durabilityRounds } }
}
