import Foundation

/// The mail store as local delivery (Delivery) uses it: `MailStorage` plus what makes a
/// delivery idempotent and batched. A refinement rather than more `MailStorage`
/// requirements: the protocol servers never need these, and a store that only serves
/// sessions need not offer them.
///
/// Delivery stages every copy of a try under a deterministic tag, makes them all durable
/// in one round (`makeStagedDurable`), and has its `LocalDeliveryLedger` index them with
/// the queue rows in one unit of work; after a crash it recognises a copy already stored
/// by its base name instead of storing it twice.
public protocol DeliveryMailStorage: MailStorage {
    /// The host name in the store's message names and in the notices delivery writes.
    var hostName: String { get }
    /// The base name `stage(_:into:tag:…)` gives these bytes with this tag.
    func baseName(for bytes: [UInt8], tag: String, internalDate: Date) -> String
    /// True when a message with this base name is in the mailbox: indexed, or staged and
    /// durable but not indexed yet (a crash between the two).
    func contains(base: String, in mailbox: Mailbox) throws -> Bool
    /// The owner's mailbox holding a message with this base name (as `contains`), nil when none does.
    func mailbox(holding base: String, owner: MailboxOwner) throws -> Mailbox?
    /// Makes every message staged so far durable, in one round shared with concurrent
    /// callers; indexing them is left to the caller (see `LocalDeliveryLedger`).
    func makeStagedDurable() async throws
}
