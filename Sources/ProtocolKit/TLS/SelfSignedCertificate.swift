import Crypto
import Foundation
import SwiftASN1
import X509

/// A PEM certificate and its private key, as written to `tls/` in the data directory.
public struct PEMKeyPair: Sendable, Equatable {
    public var certificatePEM: String
    public var privateKeyPEM: String
    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}

/// Makes the self-signed certificate a fresh install serves until the administrator
/// configures a real one. P-256 keeps the handshake cheap.
public enum SelfSignedCertificate {
    /// - Parameters:
    ///   - hostname: becomes the subject CN and a DNS SAN.
    ///   - ipAddresses: literal addresses added as IP SANs, because clients (Python's `ssl`
    ///     among them) check the SAN against the host they dialled, often `127.0.0.1`.
    public static func generate(
        hostname: String,
        ipAddresses: [String] = ["127.0.0.1", "::1"],
        validFor days: Int = 3650,
        now: Date = Date()
    ) throws -> PEMKeyPair {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName(hostname)
            OrganizationName("Postino self-signed")
        }
        var alternativeNames: [GeneralName] = [.dnsName(hostname)]
        if hostname != "localhost" { alternativeNames.append(.dnsName("localhost")) }
        for ip in ipAddresses {
            if let bytes = IPAddressBytes.parse(ip) {
                alternativeNames.append(.ipAddress(ASN1OctetString(contentBytes: bytes[...])))
            }
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(alternativeNames)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            // Backdated an hour so that a client with a slightly slow clock accepts it.
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: .init(key)
        )
        return PEMKeyPair(
            certificatePEM: try certificate.serializeAsPEM().pemString + "\n",
            privateKeyPEM: key.pemRepresentation + "\n"
        )
    }
}
