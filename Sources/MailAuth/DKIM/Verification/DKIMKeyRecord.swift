/// A DKIM public key record: the TXT record at `selector._domainkey.domain`
/// (RFC 6376 §3.6.1).
public struct DKIMKeyRecord: Sendable {
    public let keyType: DKIMKeyType
    /// `p=` decoded; empty when the key has been revoked.
    public let publicKeyData: [UInt8]
    /// `h=`: acceptable hash algorithms, nil when any is.
    public let hashAlgorithms: [String]?
    /// `t=y`: the domain is testing DKIM.
    public let isTesting: Bool
    /// `t=s`: `i=` must use exactly the `d=` domain.
    public let isStrict: Bool

    public var isRevoked: Bool { publicKeyData.isEmpty }

    /// Parses the record text (TXT strings already concatenated, §3.6.2.2).
    public init(txt: String) throws(DKIMKeyRecordError) {
        let tags: DKIMTagList
        do { tags = try DKIMTagList.parse(Array(txt.utf8)) } catch { throw .syntax(error.description) }
        // v= is optional but must come first and be DKIM1 when present.
        if let v = tags["v"] {
            guard tags.tags.first?.name == "v" else { throw .syntax("v= is not the first tag") }
            guard v == "DKIM1" else { throw .syntax("unknown key record version \(v)") }
        }
        var keyType = DKIMKeyType.rsa
        if let k = tags["k"] {
            guard let type = DKIMKeyType(rawValue: k.asciiLowercased) else { throw .unsupportedKeyType(k) }
            keyType = type
        }
        guard let p = tags["p"] else { throw .syntax("no p= tag") }
        let compact = p.utf8.filter { !Byte.isFWS($0) }
        var key: [UInt8] = []
        if !compact.isEmpty {
            guard let decoded = StrictBase64.decode(p) else { throw .syntax("p= is not base64") }
            key = decoded
        }
        if let s = tags["s"] {
            let services = s.utf8.split(separator: Byte.colon).map { String(decoding: $0.trimmingFWS(), as: UTF8.self) }
            guard services.contains("*") || services.contains("email") else { throw .notForEmail }
        }
        var flags: [String] = []
        if let t = tags["t"] {
            flags = t.utf8.split(separator: Byte.colon).map { String(decoding: $0.trimmingFWS(), as: UTF8.self) }
        }
        self.keyType = keyType
        self.publicKeyData = key
        self.hashAlgorithms = tags["h"].map { h in
            h.utf8.split(separator: Byte.colon).map { String(decoding: $0.trimmingFWS(), as: UTF8.self).asciiLowercased }
        }
        self.isTesting = flags.contains("y")
        self.isStrict = flags.contains("s")
    }
}

/// Why a key record was refused; a `permerror` of the signature that needed it.
public enum DKIMKeyRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    case syntax(String)
    case unsupportedKeyType(String)
    case notForEmail

    public var description: String {
        switch self {
        case .syntax(let what): return "key syntax error: \(what)"
        case .unsupportedKeyType(let k): return "unsupported key type \(k)"
        case .notForEmail: return "key is not for email (s= tag)"
        }
    }
}
