import Testing
@testable import MailAuth

@Suite struct DKIMSignatureParsingTests {
    static let bh = "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="

    static func field(_ value: String) -> [UInt8] { Fixtures.bytes("DKIM-Signature: " + value) }

    static func valid(_ replacing: [String: String?] = [:]) -> String {
        var tags: [(String, String)] = [("v", "1"), ("a", "rsa-sha256"), ("c", "relaxed/relaxed"), ("d", "example.com"),
                                        ("s", "default"), ("h", "from:to"), ("bh", bh), ("b", "AAAA")]
        for (name, value) in replacing {
            if let index = tags.firstIndex(where: { $0.0 == name }) {
                if let value { tags[index].1 = value } else { tags.remove(at: index) }
            } else if let value {
                tags.append((name, value))
            }
        }
        return tags.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
    }

    @Test func parsesTheRFC8463Signature() throws {
        let message = DKIMMessage(Fixtures.rfc8463SignedMessage)
        let signature = try DKIMSignature(field: Array(message.fieldBytes(message.fields[0])))
        #expect(signature.algorithm == .ed25519SHA256)
        #expect(signature.domain == "football.example.com")
        #expect(signature.selector == "brisbane")
        #expect(signature.identity == "@football.example.com")
        #expect(signature.timestamp == 1_528_637_909)
        #expect(signature.signedHeaders == ["from", "to", "subject", "date", "message-id", "from", "subject", "date"])
        #expect(signature.signature.count == 64)
        #expect(signature.canonicalization == .relaxedRelaxed)
        #expect(signature.keyRecordName == "brisbane._domainkey.football.example.com")
        // The b= value (with its folding) is what gets deleted for hashing.
        #expect(Fixtures.string(signature.fieldWithoutSignature).hasSuffix("v8=;\r\n b="))
    }

    @Test func defaultsAndOptionalTags() throws {
        let signature = try DKIMSignature(field: Self.field(Self.valid(["c": nil, "l": "10", "x": "200", "t": "100", "q": "dns/txt"])))
        #expect(signature.canonicalization == .simpleSimple)
        #expect(signature.bodyLength == 10)
        #expect(signature.expiration == 200)
        #expect(signature.identity == nil)
        // Tags are folded and spaced freely (§3.2), and may end with a semicolon.
        let folded = try DKIMSignature(field: Self.field(Self.valid(["h": "From :\r\n\tTo"]) + ";\r\n "))
        #expect(folded.signedHeaders == ["from", "to"])
    }

    @Test func hugeBodyLengthIsClampedNotOverflowed() throws {
        let signature = try DKIMSignature(field: Self.field(Self.valid(["l": String(repeating: "9", count: 70)])))
        #expect(signature.bodyLength == Int.max)
    }

    @Test(arguments: [
        // (replacement tags, expected error)
        (["v": "2"], DKIMSignatureError.incompatibleVersion),
        (["v": nil], .missingTag("v")),
        (["b": nil], .missingTag("b")),
        (["bh": nil], .missingTag("bh")),
        (["d": nil], .missingTag("d")),
        (["s": nil], .missingTag("s")),
        (["h": nil], .missingTag("h")),
        (["a": nil], .missingTag("a")),
        (["a": "rsa-md5"], .unsupported("algorithm rsa-md5")),
        (["c": "fancy/relaxed"], .unsupported("canonicalization fancy/relaxed")),
        (["q": "http/well-known"], .unsupported("query method http/well-known")),
        (["h": "to:subject"], .fromNotSigned),
        (["i": "@evil.example"], .domainMismatch),
        (["i": "user@example.com.evil.example"], .domainMismatch),
    ] as [([String: String?], DKIMSignatureError)])
    func rejectsInvalidSignatures(replacing: [String: String?], expected: DKIMSignatureError) {
        #expect(throws: expected) { try DKIMSignature(field: Self.field(Self.valid(replacing))) }
    }

    @Test(arguments: [
        "v=1; v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA",  // duplicate tag
        "v=1;; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA",      // empty tag-spec
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAA",        // base64 length
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=AAAA; b=AAAA",        // bh of the wrong size
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AA*A",       // base64 alphabet
        "v=1; a=rsa-sha256; d=example..com; s=x; h=from; bh=\(bh); b=AAAA",      // domain syntax
        "v=1; a=rsa-sha256; d=com; s=x; h=from; bh=\(bh); b=AAAA",               // one label
        "v=1; a=rsa-sha256; d=example.com; s=x/y; h=from; bh=\(bh); b=AAAA",     // selector syntax
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from::to; bh=\(bh); b=AAAA",   // empty field name
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; t=20; x=10",  // x before t
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; l=-1",
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; t=1234567890123",  // 13 digits
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; i=a=zz@example.com",  // bad qp
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; 9x=1",  // tag name
        "v=1; a=rsa-sha256; d=example.com; s=x; h=from; bh=\(bh); b=AAAA; novalue",
        "",
    ])
    func rejectsSyntaxErrors(value: String) {
        #expect(throws: DKIMSignatureError.self) { try DKIMSignature(field: Self.field(value)) }
    }

    @Test func identityIsDecodedAndMayBeASubdomain() throws {
        let signature = try DKIMSignature(field: Self.field(Self.valid(["i": "j=3Doe@mail.example.com"])))
        #expect(signature.identity == "j=oe@mail.example.com")
    }

    @Test func keyRecordParsing() throws {
        let rsa = try DKIMKeyRecord(txt: "v=DKIM1; k=rsa; t=y:s; h=sha256; p=AAAA")
        #expect(rsa.keyType == .rsa && rsa.isTesting && rsa.isStrict && rsa.hashAlgorithms == ["sha256"])
        #expect(try DKIMKeyRecord(txt: "p=").isRevoked)
        #expect(try DKIMKeyRecord(txt: "k=ed25519; p=AAAA; s=email").keyType == .ed25519)
        #expect(throws: DKIMKeyRecordError.self) { try DKIMKeyRecord(txt: "k=rsa; v=DKIM1; p=AAAA") }
        #expect(throws: DKIMKeyRecordError.self) { try DKIMKeyRecord(txt: "v=DKIM2; p=AAAA") }
        #expect(throws: DKIMKeyRecordError.unsupportedKeyType("dsa")) { try DKIMKeyRecord(txt: "k=dsa; p=AAAA") }
        #expect(throws: DKIMKeyRecordError.notForEmail) { try DKIMKeyRecord(txt: "s=tlsrpt; p=AAAA") }
        #expect(throws: DKIMKeyRecordError.self) { try DKIMKeyRecord(txt: "v=DKIM1; k=rsa") }
        #expect(throws: DKIMKeyRecordError.self) { try DKIMKeyRecord(txt: "p=!!!!") }
    }
}
