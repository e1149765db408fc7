import Crypto
import _CryptoExtras
import Foundation

/// A private key that signs DKIM signatures.
public enum DKIMSigningKey: Sendable {
    /// rsa-sha256 (RFC 6376 §3.3.1): RSASSA-PKCS1-v1_5 over the SHA-256 digest.
    case rsa(_RSA.Signing.PrivateKey)
    /// ed25519-sha256 (RFC 8463 §3): PureEdDSA over the 32-byte SHA-256 digest.
    case ed25519(Curve25519.Signing.PrivateKey)

    public var algorithm: DKIMAlgorithm {
        switch self {
        case .rsa: return .rsaSHA256
        case .ed25519: return .ed25519SHA256
        }
    }

    public var keyType: DKIMKeyType { algorithm.keyType }

    /// The `p=` value of the key record: base64 of the SubjectPublicKeyInfo for RSA
    /// (what `openssl rsa -pubout` prints), of the raw 32-byte key for Ed25519
    /// (RFC 8463 §4.2).
    public var publicKeyBase64: String {
        switch self {
        case .rsa(let key): return key.publicKey.derRepresentation.base64EncodedString()
        case .ed25519(let key): return key.publicKey.rawRepresentation.base64EncodedString()
        }
    }

    /// The signature of the header hash input.
    func sign(_ input: [UInt8]) throws -> [UInt8] {
        let digest = SHA256.hash(data: input)
        switch self {
        case .rsa(let key):
            return [UInt8](try key.signature(for: digest, padding: .insecurePKCS1v1_5).rawRepresentation)
        case .ed25519(let key):
            return [UInt8](try key.signature(for: Data(digest)))
        }
    }
}
