import Crypto
import Foundation

/// Signs messages with DKIM (RFC 6376 §5).
///
///     let signer = DKIMSigner(domain: "example.com", selector: "default", key: .rsa(key))
///     let field = try signer.signatureField(for: messageBytes)   // "DKIM-Signature: …\r\n"
///     let signed = Array(field.utf8) + messageBytes
///
/// Messages with bare LF line ends are signed as if every LF were CRLF (see
/// `LineEndings`); `sign(_:)` then writes the field with LF too, so that the output is
/// consistent and verifies either way.
public struct DKIMSigner: Sendable {
    /// `d=`.
    public var domain: String
    /// `s=`.
    public var selector: String
    public var key: DKIMSigningKey
    public var canonicalization: DKIMCanonicalizationPair = .relaxedRelaxed
    /// Fields to sign when present, lower case (`h=` lists each as often as it occurs).
    public var headerNames: [String] = DKIMSigner.defaultHeaderNames
    /// Fields listed once more than they occur, so that no instance can be added
    /// without breaking the signature (RFC 6376 §8.15). `from` is always among them.
    public var oversignedHeaderNames: [String] = ["from"]
    /// `i=`, when the signer vouches for a specific address.
    public var identity: String?
    /// When set, `x=` is `t=` plus this many seconds.
    public var signatureLifetime: Int64?
    /// Adds `l=` with the body length. Off by default: text appended later would pass
    /// unsigned (RFC 6376 §8.2); useful for tests and list-friendly setups only.
    public var signsBodyLength = false

    /// The fields that identify and describe a message (RFC 6376 §5.4.1): originator
    /// and recipient fields, subject, date, identifiers, threading, MIME structure and
    /// mailing-list fields.
    public static let defaultHeaderNames: [String] = [
        "from", "sender", "reply-to", "subject", "date", "message-id", "to", "cc",
        "mime-version", "content-type", "content-transfer-encoding", "content-id", "content-description",
        "content-disposition", "content-language",
        "in-reply-to", "references",
        "resent-date", "resent-from", "resent-sender", "resent-to", "resent-cc", "resent-message-id",
        "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe", "list-post",
        "list-owner", "list-archive",
        "openpgp", "autocrypt",
    ]

    public init(domain: String, selector: String, key: DKIMSigningKey) {
        self.domain = domain
        self.selector = selector
        self.key = key
    }

    /// The DKIM-Signature field for `message`, folded, CRLF-terminated, to be placed
    /// above the existing header.
    public func signatureField(for message: [UInt8], at time: Date = Date()) throws(DKIMSigningError) -> String {
        try signatureField(for: DKIMMessage(message), at: time)
    }

    /// `message` with the DKIM-Signature field prepended, written with the message's
    /// own line ends.
    public func sign(_ message: [UInt8], at time: Date = Date()) throws(DKIMSigningError) -> [UInt8] {
        try Self.sign(message, with: [self], at: time)
    }

    /// Signs with several keys (e.g. RSA and Ed25519, RFC 8463 §6). Each signature
    /// covers the original message only, so any one of them verifies on its own.
    public static func sign(_ message: [UInt8], with signers: [DKIMSigner], at time: Date = Date()) throws(DKIMSigningError) -> [UInt8] {
        let parsed = DKIMMessage(message)
        var fields: [UInt8] = []
        for signer in signers {
            fields.append(contentsOf: try signer.signatureField(for: parsed, at: time).utf8)
        }
        return LineEndings.converting(fields, to: LineEndings.style(of: message)) + message
    }

    func signatureField(for message: DKIMMessage, at time: Date) throws(DKIMSigningError) -> String {
        let domain = self.domain.asciiLowercased
        guard DNSNameSyntax.isValid(domain, minimumLabels: 2) else { throw .invalidDomain(self.domain) }
        guard DNSNameSyntax.isValid(selector, allowUnderscore: true) else { throw .invalidSelector(selector) }

        let canonicalBody = DKIMBodyCanonicalizer.canonicalize(message.body, canonicalization.body)
        let bodyHash = SHA256.hash(data: canonicalBody)
        let signedHeaders = signedHeaderList(for: message)

        var writer = DKIMSignatureFieldWriter()
        writer.append(tag: "v", pieces: ["1"])
        writer.append(tag: "a", pieces: [key.algorithm.rawValue])
        writer.append(tag: "c", pieces: [canonicalization.description])
        writer.append(tag: "d", pieces: [domain])
        writer.append(tag: "s", pieces: [selector])
        if let identity {
            writer.append(tag: "i", pieces: [DKIMQuotedPrintable.encode(identity)])
        }
        let timestamp = Int64(time.timeIntervalSince1970.rounded(.down))
        writer.append(tag: "t", pieces: [String(timestamp)])
        if let lifetime = signatureLifetime, lifetime > 0 {
            writer.append(tag: "x", pieces: [String(timestamp.addingReportingOverflow(lifetime).partialValue)])
        }
        if signsBodyLength {
            writer.append(tag: "l", pieces: [String(canonicalBody.count)])
        }
        let names = signedHeaders.enumerated().map { $0.offset == signedHeaders.count - 1 ? $0.element : $0.element + ":" }
        writer.append(tag: "h", pieces: names)
        writer.append(tag: "bh", pieces: [Data(bodyHash).base64EncodedString()])

        let unsigned = Array(writer.unsignedField().utf8)
        let input = message.headerHashInput(signedHeaders: signedHeaders, signatureField: unsigned,
                                            algorithm: canonicalization.header)
        let signature: [UInt8]
        do { signature = try key.sign(input) } catch { throw .cryptoFailure("\(error)") }
        return writer.signedField(signatureBase64: Data(signature).base64EncodedString())
    }

    /// `h=`: each configured name as often as it occurs, oversigned names once more.
    func signedHeaderList(for message: DKIMMessage) -> [String] {
        var counts: [String: Int] = [:]
        for name in message.lowercasedNames { counts[name, default: 0] += 1 }
        let oversigned = Set(oversignedHeaderNames.map(\.asciiLowercased) + ["from"])
        var list: [String] = []
        var listed = Set<String>()
        for name in headerNames.map(\.asciiLowercased) + oversigned.sorted() where listed.insert(name).inserted {
            let present = counts[name] ?? 0
            let times = present + (oversigned.contains(name) ? 1 : 0)
            list.append(contentsOf: repeatElement(name, count: times))
        }
        return list
    }
}

/// Why a message could not be signed.
public enum DKIMSigningError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDomain(String)
    case invalidSelector(String)
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .invalidDomain(let d): return "invalid signing domain \(d)"
        case .invalidSelector(let s): return "invalid selector \(s)"
        case .cryptoFailure(let e): return "signing failed: \(e)"
        }
    }
}
