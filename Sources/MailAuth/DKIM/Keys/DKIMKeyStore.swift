import Crypto
import _CryptoExtras
import Foundation

/// The DKIM private keys of the mail domains, one PEM file per key in one directory
/// (the data directory's `dkim/`):
///
/// - `DOMAIN.default.pem`: RSA-2048, selector `default` (SPEC §7);
/// - `DOMAIN.ed25519.pem`: optional Ed25519 key, selector `ed25519`, for a second
///   signature (RFC 8463 §6: each algorithm needs its own selector).
///
/// Files are mode 0600 and written durably.
public struct DKIMKeyStore: Sendable {
    public static let rsaSelector = "default"
    public static let ed25519Selector = "ed25519"

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Creates the domain's keys: RSA-2048, plus Ed25519 when asked. Refuses to
    /// replace an existing key unless `force` is set (a replaced key invalidates the
    /// published record until DNS is updated).
    @discardableResult
    public func generate(domain: String, includeEd25519: Bool = false, force: Bool = false) throws(DKIMKeyStoreError) -> DKIMDomainKeys {
        let domain = try Self.validated(domain)
        let rsa: _RSA.Signing.PrivateKey
        do { rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048) } catch { throw .system("RSA key generation failed: \(error)") }
        var keys = [DKIMDomainKey(selector: Self.rsaSelector, key: .rsa(rsa))]
        if includeEd25519 {
            keys.append(DKIMDomainKey(selector: Self.ed25519Selector, key: .ed25519(Curve25519.Signing.PrivateKey())))
        }
        if !force {
            for key in keys where FileManager.default.fileExists(atPath: file(domain: domain, selector: key.selector).path) {
                throw .keyExists(domain: domain, selector: key.selector)
            }
        }
        try prepareDirectory()
        for key in keys {
            do {
                try DurableFileWriter.write(Array(DKIMKeyPEM.encode(key.key).utf8), to: file(domain: domain, selector: key.selector),
                                            permissions: 0o600, replace: force)
            } catch {
                switch error {
                case .exists: throw .keyExists(domain: domain, selector: key.selector)
                case .system(let why): throw .system(why)
                }
            }
        }
        return DKIMDomainKeys(domain: domain, keys: keys)
    }

    /// The domain's keys, RSA first. Throws `.noKey` when there is none.
    public func load(domain: String) throws(DKIMKeyStoreError) -> DKIMDomainKeys {
        let domain = try Self.validated(domain)
        var keys: [DKIMDomainKey] = []
        for selector in [Self.rsaSelector, Self.ed25519Selector] {
            let url = file(domain: domain, selector: selector)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else { throw .system("cannot read \(url.path)") }
            guard data.count <= 64 * 1024 else { throw .unreadableKey("\(url.lastPathComponent) is too large") }
            keys.append(DKIMDomainKey(selector: selector, key: try DKIMKeyPEM.decode(String(decoding: data, as: UTF8.self))))
        }
        guard !keys.isEmpty else { throw .noKey(domain) }
        return DKIMDomainKeys(domain: domain, keys: keys)
    }

    /// Whether the domain has at least one key.
    public func hasKey(domain: String) -> Bool {
        guard let domain = try? Self.validated(domain) else { return false }
        return [Self.rsaSelector, Self.ed25519Selector].contains {
            FileManager.default.fileExists(atPath: file(domain: domain, selector: $0).path)
        }
    }

    /// The record to publish for the RSA key (selector `default`).
    public func txtRecord(domain: String) throws(DKIMKeyStoreError) -> DKIMTXTRecord {
        let keys = try load(domain: domain)
        guard let rsa = keys.keys.first(where: { $0.selector == Self.rsaSelector }) else { throw .noKey(keys.domain) }
        return rsa.txtRecord(domain: keys.domain)
    }

    /// The records to publish for every key of the domain, RSA first.
    public func txtRecords(domain: String) throws(DKIMKeyStoreError) -> [DKIMTXTRecord] {
        let keys = try load(domain: domain)
        return keys.keys.map { $0.txtRecord(domain: keys.domain) }
    }

    /// Where a key lives.
    public func file(domain: String, selector: String) -> URL {
        directory.appendingPathComponent("\(domain).\(selector).pem")
    }

    private func prepareDirectory() throws(DKIMKeyStoreError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .system("cannot create \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Lower case, no trailing dot, and a plain DNS name: it becomes part of a file name.
    static func validated(_ domain: String) throws(DKIMKeyStoreError) -> String {
        var name = domain.asciiLowercased
        if name.hasSuffix(".") { name.removeLast() }
        guard DNSNameSyntax.isValid(name) else { throw .invalidDomain(domain) }
        return name
    }
}

/// One key of a domain with its selector.
public struct DKIMDomainKey: Sendable {
    public let selector: String
    public let key: DKIMSigningKey

    public init(selector: String, key: DKIMSigningKey) {
        self.selector = selector
        self.key = key
    }

    public func txtRecord(domain: String) -> DKIMTXTRecord {
        DKIMTXTRecord(selector: selector, domain: domain, keyType: key.keyType, publicKeyBase64: key.publicKeyBase64)
    }
}

/// All keys of one domain, RSA first.
public struct DKIMDomainKeys: Sendable {
    public let domain: String
    public let keys: [DKIMDomainKey]

    /// One signer per key, with the default settings (relaxed/relaxed, From oversigned).
    public var signers: [DKIMSigner] {
        keys.map { DKIMSigner(domain: domain, selector: $0.selector, key: $0.key) }
    }
}

public enum DKIMKeyStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDomain(String)
    case keyExists(domain: String, selector: String)
    case noKey(String)
    case unreadableKey(String)
    case system(String)

    public var description: String {
        switch self {
        case .invalidDomain(let d): return "invalid domain name \(d)"
        case .keyExists(let d, let s): return "a DKIM key already exists for \(d) (selector \(s)); use --force to replace it"
        case .noKey(let d): return "no DKIM key for \(d)"
        case .unreadableKey(let why): return "unreadable DKIM key: \(why)"
        case .system(let why): return why
        }
    }
}
