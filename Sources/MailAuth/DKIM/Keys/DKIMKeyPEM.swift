import Crypto
import _CryptoExtras
import Foundation

/// PEM files for DKIM private keys: RSA as PKCS#1 (`RSA PRIVATE KEY`, what OpenDKIM and
/// Rspamd read; PKCS#8 is accepted too), Ed25519 as PKCS#8 (`PRIVATE KEY`, RFC 8410,
/// what `openssl genpkey -algorithm ed25519` writes).
enum DKIMKeyPEM {
    static func encode(_ key: DKIMSigningKey) -> String {
        switch key {
        case .rsa(let rsa):
            let pem = rsa.pemRepresentation
            return pem.hasSuffix("\n") ? pem : pem + "\n"
        case .ed25519(let ed):
            return pem(label: "PRIVATE KEY", der: ed25519PKCS8Prefix + [UInt8](ed.rawRepresentation))
        }
    }

    static func decode(_ text: String) throws(DKIMKeyStoreError) -> DKIMSigningKey {
        if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
            return try rsa(text)
        }
        guard let der = derBody(text, label: "PRIVATE KEY") else { throw .unreadableKey("no PEM private key") }
        if der.count == ed25519PKCS8Prefix.count + 32, der.starts(with: ed25519PKCS8Prefix) {
            do {
                return .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32)))
            } catch {
                throw .unreadableKey("invalid Ed25519 key")
            }
        }
        return try rsa(text)
    }

    /// Legacy 1024-bit keys are still accepted for signing (RFC 8301 allows them).
    private static func rsa(_ text: String) throws(DKIMKeyStoreError) -> DKIMSigningKey {
        guard let key = try? _RSA.Signing.PrivateKey(unsafePEMRepresentation: text) else {
            throw .unreadableKey("not an RSA or Ed25519 private key")
        }
        guard key.keySizeInBits >= 1024 else { throw .unreadableKey("RSA key of \(key.keySizeInBits) bits is too short") }
        return .rsa(key)
    }

    /// PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410 §7): version 0, algorithm
    /// id-Ed25519 (1.3.101.112), then the 32-byte key as an OCTET STRING in an OCTET STRING.
    private static let ed25519PKCS8Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]

    private static func pem(label: String, der: [UInt8]) -> String {
        let b64 = Data(der).base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(b64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func derBody(_ text: String, label: String) -> [UInt8]? {
        let begin = "-----BEGIN \(label)-----", end = "-----END \(label)-----"
        guard let b = text.range(of: begin), let e = text.range(of: end, range: b.upperBound..<text.endIndex) else { return nil }
        return StrictBase64.decode(String(text[b.upperBound..<e.lowerBound]))
    }
}
