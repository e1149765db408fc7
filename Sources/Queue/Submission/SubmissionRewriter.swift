import Directory
import Durability
import Foundation
import Logging
import MailAuth
import MailCore

/// Prepares mail submitted on ports 587/465 before it is queued: appends the sender
/// domain's disclaimer, then signs with the domain's DKIM keys (relaxed/relaxed,
/// rsa-sha256 with selector `default`, plus Ed25519 when that key exists). The domain
/// is the one of the From header (DMARC alignment), else of the envelope sender. Mail
/// received on port 25 never comes here.
public struct SubmissionRewriter: Sendable {
    let directory: any MailDirectory
    let keys: DKIMKeyStore
    let logger: Logger

    public init(directory: any MailDirectory, dkimDirectory: URL, logger: Logger) {
        self.directory = directory
        self.keys = DKIMKeyStore(directory: dkimDirectory)
        self.logger = logger
    }

    /// The rewritten message, or nil when nothing applies. Throws when the sender's domain
    /// cannot be read (intake logs it with the QID and passes the message on unchanged).
    public func rewrite(_ message: [UInt8], envelopeSender: String, queueID: String? = nil) async throws -> [UInt8]? {
        let metadata: Logger.Metadata = queueID.map { ["qid": "\($0)"] } ?? [:]
        let parsed = Message(bytes: message)
        let fromDomain = parsed.from.first?.address.normalizedDomain
        let senderDomain = (try? EmailAddress.parse(envelopeSender))?.normalizedDomain
        guard let name = fromDomain ?? senderDomain,
              let domain = try await BlockingIO.run({ [directory] in try directory.domain(named: name) }),
              domain.enabled else { return nil }
        var bytes = message
        var changed = false
        let id = parsed.messageID ?? "(no Message-ID)"
        if let markdown = domain.disclaimer {
            switch DisclaimerInserter(markdown: markdown).apply(to: bytes) {
            case .inserted(let result, let parts):
                bytes = result
                changed = true
                logger.info("disclaimer of \(domain.name) added to \(id) (parts \(parts.joined(separator: ",")))", metadata: metadata)
            case .unchanged(let reason):
                logger.info("disclaimer of \(domain.name) not added to \(id): \(reason)", metadata: metadata)
            }
        }
        if domain.dkimEnabled {
            do {
                let loaded = try await BlockingIO.run { [keys] in try keys.load(domain: domain.name) }
                bytes = try DKIMSigner.sign(bytes, with: loaded.signers)
                changed = true
                logger.info("DKIM-signed \(id) for \(domain.name) (\(loaded.keys.map(\.selector).joined(separator: ", ")))", metadata: metadata)
            } catch {
                // Unsigned mail still goes out; the administrator sees why in the log.
                logger.error("cannot DKIM-sign \(id) for \(domain.name): \(error)", metadata: metadata)
            }
        }
        return changed ? bytes : nil
    }
}
