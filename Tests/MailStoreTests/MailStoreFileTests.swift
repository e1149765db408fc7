import Durability
import Foundation
import GRDB
import MailStore
import Testing

/// Storing a message from a file (large IMAP APPEND literals, issue 23, finding 4).
@Suite("Mail store: messages stored from a file")
struct MailStoreFileTests {
    func makeStore() throws -> MailStore {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("postino-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return try MailStore(database: try DatabaseQueue(), mailRoot: root,
                             barrier: try FileSystemSyncBarrier(directories: [root]), hostname: "mx")
    }

    /// A file in the store's literal directory holding `bytes`.
    func literalFile(_ store: MailStore, _ bytes: [UInt8]) throws -> String {
        try store.prepareLiteralSpool()
        let path = store.literalSpoolDirectory + "/" + MaildirFileName.uniqueTag()
        try DurableFile.create(path, bytes: bytes)
        return path
    }

    @Test func theCounterAgreesWithTheWholeMessageCountWhereverChunksSplit() {
        let message = Array("Subject: a\r\nX: bare\n\r\n\rbody\n\r\nend\n".utf8)
        for split in 0...message.count {
            for second in split...message.count {
                var counter = CRLFSizeCounter()
                counter.add(message[..<split])
                counter.add(message[split..<second])
                counter.add(message[second...])
                #expect(counter.size == message.count)
                #expect(counter.crlfSize == MaildirFileName.crlfSize(of: message))
            }
        }
    }

    @Test func aFileIsMovedIntoTheMaildirAndIndexed() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let bytes = Array("Subject: big\r\n\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 200_000) + Array("\nend\n".utf8)
        let path = try literalFile(store, bytes)
        let stored = try await store.store(fileAt: path, expectedSize: bytes.count, into: inbox, flags: [.seen])
        #expect(stored.uid == 1)
        #expect(!DurableFile.exists(path))  // renamed, not copied
        #expect(stored.base.contains(",S=\(bytes.count),W=\(MaildirFileName.crlfSize(of: bytes))"))
        #expect(try store.readMessage(inbox, uid: 1) == bytes)
        #expect(DurableFile.list(store.path(inbox) + "/cur").count == 1)
        #expect(try store.usage(of: .user("alice")).bytes == Int64(bytes.count))
    }

    @Test func aShortFileIsRefusedAndNothingIsIndexed() async throws {
        let store = try makeStore()
        let inbox = try store.ensureMailbox(owner: .user("alice"), name: "INBOX")
        let path = try literalFile(store, Array("Subject: cut\r\n\r\nhal".utf8))
        await #expect(throws: FileSystemError.self) {
            try await store.store(fileAt: path, expectedSize: 1000, into: inbox)
        }
        #expect(DurableFile.exists(path))  // left to its owner to remove
        #expect(try store.messages(in: inbox.id).isEmpty)
        #expect(DurableFile.list(store.path(inbox) + "/new").isEmpty)
    }

    @Test func leftoversOfAnEarlierProcessAreRemovedOnceOnly() throws {
        let store = try makeStore()
        try DurableFile.makeDirectories(store.literalSpoolDirectory)
        try DurableFile.create(store.literalSpoolDirectory + "/M1P1R1", bytes: [1, 2, 3])
        try store.prepareLiteralSpool()
        #expect(DurableFile.list(store.literalSpoolDirectory).isEmpty)
        // Files created afterwards are this process's own: left alone.
        try DurableFile.create(store.literalSpoolDirectory + "/M2P2R2", bytes: [4])
        try store.prepareLiteralSpool()
        #expect(DurableFile.list(store.literalSpoolDirectory) == ["M2P2R2"])
    }
}
