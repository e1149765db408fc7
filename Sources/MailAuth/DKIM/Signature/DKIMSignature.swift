/// A parsed DKIM-Signature header field (RFC 6376 §3.5).
///
/// Parsing is strict: any syntax error, a missing required tag, an unknown version, a
/// `From` field left out of `h=` or an `i=` outside `d=` rejects the signature (the
/// verifier reports these as `permerror`).
public struct DKIMSignature: Sendable {
    public let algorithm: DKIMAlgorithm
    /// `b=`, decoded.
    public let signature: [UInt8]
    /// `b=` as written, whitespace removed (for `header.b`, RFC 6008).
    public let signatureBase64: String
    /// `bh=`, decoded.
    public let bodyHash: [UInt8]
    public let canonicalization: DKIMCanonicalizationPair
    /// `d=`, lower case.
    public let domain: String
    /// `s=`, lower case.
    public let selector: String
    /// `h=`: names of the signed fields in order, lower case, repeats kept.
    public let signedHeaders: [String]
    /// `i=` decoded (dkim-quoted-printable), or nil when absent (then `@` + d= is meant).
    public let identity: String?
    /// `l=`: how many octets of the canonical body are signed; nil for all.
    /// Values too large for `Int` are clamped to `Int.max` (longer than any body).
    public let bodyLength: Int?
    /// `t=`, seconds since the Unix epoch.
    public let timestamp: Int64?
    /// `x=`, seconds since the Unix epoch.
    public let expiration: Int64?

    /// The whole field as written (name, colon, value; no final line break), and where
    /// the `b=` value lies in it: the header hash covers the field with that range
    /// removed (§3.7).
    let fieldBytes: [UInt8]
    let signatureValueRange: Range<Int>

    /// Fields we never need more of; longer `h=` lists are refused.
    static let maximumSignedHeaders = 128

    /// The DNS name of the key record: `selector._domainkey.domain` (§3.6.2.1).
    public var keyRecordName: String { "\(selector)._domainkey.\(domain)" }

    /// The field with the `b=` value deleted.
    var fieldWithoutSignature: [UInt8] {
        Array(fieldBytes[..<signatureValueRange.lowerBound]) + Array(fieldBytes[signatureValueRange.upperBound...])
    }

    /// Parses a field from the CRLF form of the message.
    ///
    /// - Parameter field: `DKIM-Signature:` and its value as in the message, folding
    ///   included, without the final line break.
    public init(field: [UInt8]) throws(DKIMSignatureError) {
        guard let colon = field.firstIndex(of: Byte.colon) else { throw .syntax("not a header field") }
        let value = Array(field[(colon + 1)...])
        let tags: DKIMTagList
        do { tags = try DKIMTagList.parse(value) } catch { throw .syntax(error.description) }

        func required(_ name: String) throws(DKIMSignatureError) -> String {
            guard let v = tags[name] else { throw .missingTag(name) }
            return v
        }

        // v= first: an unknown version makes every other tag meaningless (§6.1.1).
        guard try required("v") == "1" else { throw .incompatibleVersion }

        let algorithmName = try required("a")
        guard let algorithm = DKIMAlgorithm(rawValue: algorithmName.asciiLowercased) else {
            throw .unsupported("algorithm \(algorithmName)")
        }

        let bTag = tags.tag("b")
        guard let bTag else { throw .missingTag("b") }
        guard let signature = StrictBase64.decode(bTag.value), !signature.isEmpty else { throw .syntax("b= is not base64") }
        guard let bodyHash = StrictBase64.decode(try required("bh")), !bodyHash.isEmpty else {
            throw .syntax("bh= is not base64")
        }
        // SHA-256 digests are 32 octets, SHA-1 20: a different length can never match.
        guard bodyHash.count == (algorithm == .rsaSHA1 ? 20 : 32) else { throw .syntax("bh= has the wrong length") }

        var canonicalization = DKIMCanonicalizationPair.simpleSimple
        if let c = tags["c"] {
            guard let pair = DKIMCanonicalizationPair(tagValue: c) else { throw .unsupported("canonicalization \(c)") }
            canonicalization = pair
        }

        let domain = try required("d").asciiLowercased
        guard DNSNameSyntax.isValid(domain, minimumLabels: 2) else { throw .syntax("d= is not a domain name") }
        let selector = try required("s").asciiLowercased
        guard DNSNameSyntax.isValid(selector, allowUnderscore: true) else { throw .syntax("s= is not a selector") }

        // h= : field names separated by colons, FWS allowed around them.
        var signedHeaders: [String] = []
        for item in try required("h").utf8.split(separator: Byte.colon, omittingEmptySubsequences: false) {
            let name = item.trimmingFWS()
            guard !name.isEmpty, name.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E && $0 != Byte.colon }) else {
                throw .syntax("h= has an invalid field name")
            }
            signedHeaders.append(String(decoding: name, as: UTF8.self).asciiLowercased)
            guard signedHeaders.count <= Self.maximumSignedHeaders else { throw .syntax("h= lists too many fields") }
        }
        // §6.1.1: a signature that does not cover From is not acceptable.
        guard signedHeaders.contains("from") else { throw .fromNotSigned }

        var identity: String?
        if let i = tags["i"] {
            guard let decoded = DKIMQuotedPrintable.decode(i), let at = decoded.lastIndex(of: "@") else {
                throw .syntax("i= is not an identity")
            }
            let identityDomain = String(decoded[decoded.index(after: at)...]).asciiLowercased
            guard DNSNameSyntax.isValid(identityDomain) else { throw .syntax("i= has an invalid domain") }
            guard DNSNameSyntax.isSame(identityDomain, orSubdomainOf: domain) else { throw .domainMismatch }
            identity = decoded
        }

        var bodyLength: Int?
        if let l = tags["l"] {
            guard let n = Self.decimal(l, maxDigits: 76) else { throw .syntax("l= is not a number") }
            bodyLength = n
        }
        var timestamp: Int64?
        if let t = tags["t"] {
            guard let n = Self.decimal(t, maxDigits: 12) else { throw .syntax("t= is not a timestamp") }
            timestamp = Int64(n)
        }
        var expiration: Int64?
        if let x = tags["x"] {
            guard let n = Self.decimal(x, maxDigits: 12) else { throw .syntax("x= is not a timestamp") }
            expiration = Int64(n)
        }
        // §3.5: x= MUST be greater than t=.
        if let t = timestamp, let x = expiration, x < t { throw .syntax("x= is earlier than t=") }

        if let q = tags["q"] {
            let methods = q.utf8.split(separator: Byte.colon).map { String(decoding: $0.trimmingFWS(), as: UTF8.self).asciiLowercased }
            guard methods.contains("dns/txt") else { throw .unsupported("query method \(q)") }
        }

        self.algorithm = algorithm
        self.signature = signature
        self.signatureBase64 = String(decoding: bTag.value.utf8.filter { !Byte.isFWS($0) }, as: UTF8.self)
        self.bodyHash = bodyHash
        self.canonicalization = canonicalization
        self.domain = domain
        self.selector = selector
        self.signedHeaders = signedHeaders
        self.identity = identity
        self.bodyLength = bodyLength
        self.timestamp = timestamp
        self.expiration = expiration
        self.fieldBytes = field
        self.signatureValueRange = (bTag.valueRange.lowerBound + colon + 1)..<(bTag.valueRange.upperBound + colon + 1)
    }

    /// `1*N DIGIT`, clamped to `Int.max` when longer than Int holds.
    private static func decimal(_ text: String, maxDigits: Int) -> Int? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count <= maxDigits, digits.allSatisfy(Byte.isDigit) else { return nil }
        var value = 0
        for d in digits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(d - 0x30))
            if o1 || o2 { return Int.max }
            value = sum
        }
        return value
    }
}

/// Why a DKIM-Signature field was rejected (RFC 6376 §6.1.1); always a `permerror`.
public enum DKIMSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    case syntax(String)
    case missingTag(String)
    case incompatibleVersion
    case unsupported(String)
    case fromNotSigned
    case domainMismatch

    public var description: String {
        switch self {
        case .syntax(let what): return "signature syntax error: \(what)"
        case .missingTag(let tag): return "signature missing required tag \(tag)="
        case .incompatibleVersion: return "incompatible signature version"
        case .unsupported(let what): return "unsupported \(what)"
        case .fromNotSigned: return "From field not signed"
        case .domainMismatch: return "domain mismatch: i= is not within d="
        }
    }
}
