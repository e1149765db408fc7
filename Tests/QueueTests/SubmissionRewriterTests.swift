import Directory
import Foundation
import Logging
import MailAuth
import Queue
import Testing

@Suite("Submitted mail: disclaimer, then DKIM signature")
struct SubmissionRewriterTests {
    let message = Array("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\nSubject: hi\r\nMessage-ID: <1@example.org>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nHello Bob.\r\n".utf8)

    func fixture(dkim: Bool, disclaimer: String?) throws -> (SubmissionRewriter, DKIMKeyStore, URL) {
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("postino-dkim-\(UUID().uuidString)")
        let directory = try DirectoryStore.inMemory()
        try directory.addDomain("example.org")
        try directory.updateDomain("example.org", DomainUpdate(dkimEnabled: dkim, disclaimer: .some(disclaimer)))
        let store = DKIMKeyStore(directory: keys)
        if dkim { try store.generate(domain: "example.org") }
        let rewriter = SubmissionRewriter(directory: directory, dkimDirectory: keys,
                                          logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return (rewriter, store, keys)
    }

    func verify(_ bytes: [UInt8], _ store: DKIMKeyStore) throws -> [DKIMResultCode] {
        let record = try store.txtRecord(domain: "example.org")
        return DKIMVerifier().verify(bytes) { name in
            StaticDKIMKeyFetcher(records: [record.name: [record.value]]).lookUp(name)
        }.map(\.result)
    }

    @Test func signedAfterTheDisclaimer() async throws {
        let (rewriter, store, keys) = try fixture(dkim: true, disclaimer: "*Confidential*")
        defer { try? FileManager.default.removeItem(at: keys) }
        let rewritten = try #require(try await rewriter.rewrite(message, envelopeSender: "alice@example.org"))
        let text = String(decoding: rewritten, as: UTF8.self)
        #expect(text.hasPrefix("DKIM-Signature: "))
        #expect(text.contains("d=example.org") && text.contains("s=default"))
        #expect(text.contains("Confidential"))
        #expect(try verify(rewritten, store) == [.pass])
    }

    @Test func nothingToDo() async throws {
        let (rewriter, _, keys) = try fixture(dkim: false, disclaimer: nil)
        defer { try? FileManager.default.removeItem(at: keys) }
        #expect(try await rewriter.rewrite(message, envelopeSender: "alice@example.org") == nil)
        // A domain that is not ours is never signed.
        #expect(try await rewriter.rewrite(Array("From: x@elsewhere.net\r\n\r\nhi\r\n".utf8), envelopeSender: "x@elsewhere.net") == nil)
    }

    @Test func disclaimerOnlyAndAMissingKey() async throws {
        let (rewriter, _, keys) = try fixture(dkim: false, disclaimer: "Legal text")
        defer { try? FileManager.default.removeItem(at: keys) }
        let rewritten = try #require(try await rewriter.rewrite(message, envelopeSender: "alice@example.org"))
        #expect(String(decoding: rewritten, as: UTF8.self).contains("Legal text"))
        #expect(!String(decoding: rewritten, as: UTF8.self).contains("DKIM-Signature"))
    }
}
