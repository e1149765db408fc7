/// Everything `InboundAuthenticator.check` found out about one message.
public struct InboundAuthenticationReport: Sendable, Hashable {
    /// SPF of the MAIL FROM identity (the HELO identity for a null reverse-path); `none`
    /// without a client address (connector mail) or in no-network mode.
    public var spf: SPFCheckResult
    /// One result per DKIM-Signature field, top to bottom; empty when unsigned.
    public var dkim: [DKIMVerificationResult]
    public var dmarc: DMARCEvaluation
    public var arc: ARCVerificationResult
    /// The authserv-id the header speaks for.
    public var authservID: String
    /// The Authentication-Results value: authserv-id, then one result per line
    /// (`mx.example.org;\r\n spf=pass smtp.mailfrom=…;\r\n dkim=…`), without the field name.
    public var authenticationResults: String
    /// The symbols for the antispam engine.
    public var symbols: [AuthenticationSymbol]
    /// Some lookups did not finish before the timeout (their methods say `temperror`).
    public var timedOut: Bool

    /// The DMARC policy that applies to this message (what the domain asks for a failing
    /// message: `dmarc.disposition`), `none` unless DMARC failed.
    public var dmarcPolicy: DMARCPolicy { dmarc.disposition }

    /// The complete field, CRLF-terminated, to put at the top of the message.
    public var authenticationResultsField: String { "Authentication-Results: \(authenticationResults)\r\n" }

    /// The message as it should be delivered: the fields that claim our authserv-id
    /// removed (RFC 8601 §5), our field added at the top. Line ends follow the message's.
    public func applying(to message: [UInt8]) -> [UInt8] {
        let cleaned = AuthenticationResults.removingFields(claiming: authservID, from: message).message
        let field = LineEndings.converting(Array(authenticationResultsField.utf8), to: LineEndings.style(of: message))
        return field + cleaned
    }

    /// What DMARC asks under the `mailauth.dmarc.enforce` setting.
    public func dmarcAction(_ enforcement: DMARCEnforcement) -> DMARCAction {
        guard dmarc.result == .fail else { return .deliver }
        switch (enforcement, dmarc.disposition) {
        case (.off, _), (_, .none): return .deliver
        case (.junk, _), (.reject, .quarantine): return .junk
        case (.reject, .reject): return .reject
        }
    }
}
