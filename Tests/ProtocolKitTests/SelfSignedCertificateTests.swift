import Foundation
import NIOSSL
import Testing
import X509
@testable import ProtocolKit

@Suite struct SelfSignedCertificateTests {
    @Test func certificateCarriesHostnameAndLoopbackSANsAndLoadsIntoNIOSSL() throws {
        let pair = try SelfSignedCertificate.generate(hostname: "mail.example.test")
        let certificate = try Certificate(pemEncoded: pair.certificatePEM)
        #expect(certificate.subject.description.contains("mail.example.test"))
        let sans = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(sans.contains(.dnsName("mail.example.test")))
        #expect(sans.contains { if case .ipAddress(let ip) = $0 { return Array(ip.bytes) == [127, 0, 0, 1] }; return false })
        #expect(certificate.notValidAfter > Date().addingTimeInterval(365 * 86_400))
        // The pair must be usable as-is by the TLS listeners.
        _ = try TLSContextFactory.serverContext(certificatePEM: pair.certificatePEM, privateKeyPEM: pair.privateKeyPEM)
    }

    @Test func ipAddressBytes() {
        #expect(IPAddressBytes.parse("192.0.2.1") == [192, 0, 2, 1])
        #expect(IPAddressBytes.parse("::1")?.count == 16)
        #expect(IPAddressBytes.parse("nonsense") == nil)
    }
}
