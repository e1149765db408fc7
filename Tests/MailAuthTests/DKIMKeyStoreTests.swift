import Foundation
import Testing
import _CryptoExtras
@testable import MailAuth

@Suite struct DKIMKeyStoreTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailauth-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func generateWritesAPrivatePEMAndRefusesToOverwrite() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DKIMKeyStore(directory: root.appendingPathComponent("dkim"))
        #expect(!store.hasKey(domain: "example.com"))

        let keys = try store.generate(domain: "Example.COM.")
        #expect(keys.domain == "example.com")
        let file = store.file(domain: "example.com", selector: "default")
        #expect(try Self.mode(file) == 0o600)
        #expect(try Self.mode(store.directory) == 0o700)
        let pem = try String(contentsOf: file, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.path) == ["example.com.default.pem"])

        #expect(throws: DKIMKeyStoreError.keyExists(domain: "example.com", selector: "default")) {
            try store.generate(domain: "example.com")
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == pem)

        try store.generate(domain: "example.com", force: true)
        #expect(try String(contentsOf: file, encoding: .utf8) != pem)
        #expect(try Self.mode(file) == 0o600)
    }

    @Test func loadSignsWithTheStoredKeyAndTheRecordVerifies() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DKIMKeyStore(directory: root)
        try store.generate(domain: "example.com", includeEd25519: true)

        let keys = try store.load(domain: "example.com")
        #expect(keys.keys.map(\.selector) == ["default", "ed25519"])
        if case .rsa(let rsa) = keys.keys[0].key { #expect(rsa.keySizeInBits == 2048) } else { Issue.record("not RSA") }

        let records = try store.txtRecords(domain: "example.com")
        let signed = try DKIMSigner.sign(Fixtures.crlf(Fixtures.sampleMessage), with: keys.signers)
        let fetcher = StaticDKIMKeyFetcher(records: Dictionary(uniqueKeysWithValues: records.map { ($0.name, [$0.value]) }))
        #expect(DKIMVerifier().verify(signed) { fetcher.lookUp($0) }.map(\.result) == [.pass, .pass])
    }

    @Test func txtRecordFormat() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DKIMKeyStore(directory: root)
        try store.generate(domain: "example.com")
        let record = try store.txtRecord(domain: "example.com")

        #expect(record.name == "default._domainkey.example.com")
        #expect(record.value.hasPrefix("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
        // p= is a SubjectPublicKeyInfo that the strict (≥ 2048 bits) parser accepts.
        let p = try #require(record.value.components(separatedBy: "p=").last)
        let der = try #require(Data(base64Encoded: p))
        #expect(try _RSA.Signing.PublicKey(derRepresentation: der).keySizeInBits == 2048)

        #expect(record.characterStrings.count == 2)
        #expect(record.characterStrings.allSatisfy { $0.utf8.count <= 255 })
        #expect(record.characterStrings.joined() == record.value)
        #expect(record.zoneFileLine == "default._domainkey.example.com. IN TXT \"\(record.characterStrings[0])\" \"\(record.characterStrings[1])\"")
    }

    @Test func errors() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DKIMKeyStore(directory: root)
        #expect(throws: DKIMKeyStoreError.noKey("example.com")) { try store.load(domain: "example.com") }
        for bad in ["../etc", "a/b", "", ".", "-x.example"] {
            #expect(throws: DKIMKeyStoreError.invalidDomain(bad)) { try store.generate(domain: bad) }
        }
        try Data("not a key".utf8).write(to: store.file(domain: "broken.example", selector: "default"))
        #expect(throws: DKIMKeyStoreError.self) { try store.load(domain: "broken.example") }
    }

    @Test func pemRoundTrips() throws {
        for key in [DKIMSigningKey.rsa(Fixtures.rsaKey), .ed25519(Fixtures.ed25519Key)] {
            let decoded = try DKIMKeyPEM.decode(DKIMKeyPEM.encode(key))
            #expect(decoded.publicKeyBase64 == key.publicKeyBase64)
        }
        // The RFC 8463 key is 1024 bits: still accepted for signing.
        #expect(try DKIMKeyPEM.decode(Fixtures.rfc8463RSAPrivateKey).keyType == .rsa)
    }
}
