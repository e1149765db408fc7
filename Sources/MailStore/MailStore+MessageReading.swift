import Durability
import Foundation
import Synchronization

/// The bytes of stored messages, whole or as a stream. Callers name a message by mailbox
/// and record (or by what the store holds for a session); where the file is, and the names
/// a flag change gives it, stay the store's business (issue 11: no caller sees a path).
extension MailStore {
    /// The whole message. The name the caller's record knows is tried first (one open, the
    /// usual case); a flag change since then renamed the file, and it is looked up again.
    public func readMessage(_ mailbox: Mailbox, _ record: MessageRecord) throws -> [UInt8] {
        if let bytes = try? DurableFile.read(path(mailbox) + "/" + record.relativePath) { return bytes }
        return try readMessage(mailbox, uid: record.uid)
    }

    /// A stream of the message's bytes, for messages too large to read whole.
    public func openMessage(_ mailbox: Mailbox, uid: UInt32) throws -> MessageReader {
        MessageReader(try FileChunkReader(path: locateMessage(mailbox, uid: uid)))
    }

    /// An expunged message this session may still FETCH (RFC 2180 §4.1.1), see
    /// `ExpungedMessageHold`.
    public func heldMessage(mailboxID: Int64, uid: UInt32, session: UUID) -> HeldMessage? {
        expungedHold.message(mailboxID: mailboxID, uid: uid, session: session).map { HeldMessage(record: $0.record, path: $0.path) }
    }

    /// The bytes of a held message.
    public func readMessage(_ held: HeldMessage) throws -> [UInt8] {
        try DurableFile.read(held.path)
    }

    public func releaseHeld(mailboxID: Int64, uids: [UInt32]?, session: UUID) {
        expungedHold.release(mailboxID: mailboxID, uids: uids, session: session)
    }
}

/// An expunged message kept for a session that has not been told yet.
public struct HeldMessage: Sendable, Hashable {
    public var record: MessageRecord
    /// Where the store finds the bytes: the ghost file (an in-memory store's own key).
    package let path: String

    package init(record: MessageRecord, path: String) {
        self.record = record
        self.path = path
    }
}

/// Reads one message in chunks; used by one task at a time.
public final class MessageReader: Sendable {
    private let file: FileChunkReader?
    /// What is left to read of a message held in memory (stores without files).
    private let memory: Mutex<ArraySlice<UInt8>>

    init(_ file: FileChunkReader) {
        self.file = file
        memory = Mutex([])
    }

    /// Reads a message a store keeps in memory.
    public init(bytes: [UInt8]) {
        file = nil
        memory = Mutex(bytes[...])
    }

    /// Up to `count` octets; empty at the end of the message.
    public func read(upTo count: Int) throws -> [UInt8] {
        if let file { return try file.read(upTo: count) }
        return memory.withLock { rest in
            let chunk = Array(rest.prefix(count))
            rest = rest.dropFirst(chunk.count)
            return chunk
        }
    }

    public func close() { file?.close() }
}
