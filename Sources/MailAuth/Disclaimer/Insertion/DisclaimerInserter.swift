import MailCore

/// Adds a disclaimer to an outgoing message (SPEC §1): as text at the end of text/plain
/// bodies, as HTML before `</body>` of text/html bodies (see `DisclaimerTargets` for
/// which parts), and nowhere else — every byte outside the changed parts stays as it was.
///
/// Signed or encrypted messages (multipart/signed, multipart/encrypted, S/MIME, inline
/// PGP) and messages that already carry a DKIM-Signature are returned unchanged with the
/// reason: the disclaimer must be added before DKIM signing, never after.
public struct DisclaimerInserter: Sendable {
    public let disclaimer: Disclaimer

    public init(disclaimer: Disclaimer) {
        self.disclaimer = disclaimer
    }

    public init(markdown: String) {
        self.init(disclaimer: Disclaimer(markdown: markdown))
    }

    public func apply(to bytes: [UInt8]) -> DisclaimerOutcome {
        guard !disclaimer.isEmpty else { return .unchanged(.emptyDisclaimer) }
        let message = Message(bytes: bytes)
        if let reason = MessageProtection.reason(for: message) { return .unchanged(reason) }

        let targets = DisclaimerTargets.select(in: message.root)
            .filter { !$0.defects.contains(.missingHeaderBodySeparator) }
        guard !targets.isEmpty else { return .unchanged(.noTextBody) }

        let newline = LineEndings.style(of: bytes)
        var edits: [ByteEdit] = []
        var changed: [String] = []
        var firstFailure: DisclaimerSkipReason?
        for part in targets {
            switch TextPartRewriter(part: part, newline: newline).edits(for: disclaimer) {
            case .success(let partEdits):
                edits.append(contentsOf: partEdits)
                changed.append(part.partNumber.isEmpty ? "1" : part.partNumber)
            case .failure(let reason):
                firstFailure = firstFailure ?? reason
            }
        }
        guard !edits.isEmpty else { return .unchanged(firstFailure ?? .noTextBody) }
        return .inserted(ByteEdit.apply(edits, to: bytes), parts: changed)
    }
}
