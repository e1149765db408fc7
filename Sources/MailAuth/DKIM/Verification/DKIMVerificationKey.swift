import Crypto
import _CryptoExtras
import Foundation

/// A public key ready to check signatures.
enum DKIMVerificationKey {
    case rsa(_RSA.Signing.PublicKey)
    case ed25519(Curve25519.Signing.PublicKey)

    /// RFC 8301 §3.2: keys below 1024 bits are not acceptable; larger than we care
    /// to spend time on are not either.
    static let rsaBits = 1024...8192

    init(record: DKIMKeyRecord) throws(DKIMKeyProblem) {
        switch record.keyType {
        case .rsa:
            // The plain initializer refuses keys under 2048 bits; 1024-bit keys are
            // still common in DNS, and it also takes PKCS#1 RSAPublicKey.
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: record.publicKeyData) else {
                throw .unusable("p= is not an RSA public key")
            }
            guard Self.rsaBits.contains(key.keySizeInBits) else {
                throw .unusable("RSA key of \(key.keySizeInBits) bits is not acceptable")
            }
            self = .rsa(key)
        case .ed25519:
            guard record.publicKeyData.count == 32,
                  let key = try? Curve25519.Signing.PublicKey(rawRepresentation: record.publicKeyData) else {
                throw .unusable("p= is not an Ed25519 public key")
            }
            self = .ed25519(key)
        }
    }

    func isValid(signature: [UInt8], for input: [UInt8]) -> Bool {
        let digest = SHA256.hash(data: input)
        switch self {
        case .rsa(let key):
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest,
                                        padding: .insecurePKCS1v1_5)
        case .ed25519(let key):
            return key.isValidSignature(signature, for: Data(digest))
        }
    }
}

struct DKIMKeyProblem: Error {
    let reason: String
    static func unusable(_ reason: String) -> DKIMKeyProblem { DKIMKeyProblem(reason: reason) }
}
