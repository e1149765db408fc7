// Fuzz target `mailauth-records`: the DNS and header records of mail authentication, each
// input fed to every parser — DKIM key records (RFC 6376 §3.6.1), DKIM-Signature fields
// (§3.5) and their tag lists (§3.2), SPF records and macro strings (RFC 7208 §4.6, §7),
// DMARC records (RFC 9989 §4.7) — plus the DKIM canonicalizations (§3.4), which must be
// idempotent.
@testable import DNS
@testable import MailAuth

func fuzzMailAuthRecords(_ data: [UInt8]) {
    let text = String(decoding: data, as: UTF8.self)
    fuzzDKIMTagList(data)
    fuzzDKIMKeyRecord(text)
    fuzzDKIMSignature(data)
    fuzzSPF(data)
    fuzzDMARC(data)
    fuzzCanonicalization(data)
}

private func fuzzDKIMTagList(_ data: [UInt8]) {
    guard let list = try? DKIMTagList.parse(data) else { return }
    fuzzCheck(!list.tags.isEmpty && list.tags.count <= DKIMTagList.maximumTagCount, "tag count bounded")
    fuzzCheck(Set(list.tags.map(\.name)).count == list.tags.count, "no duplicate tag")
    for tag in list.tags {
        fuzzCheck(tag.valueRange.lowerBound >= 1 && tag.valueRange.upperBound <= data.count, "value range inside the list")
        fuzzCheck(data[tag.valueRange.lowerBound - 1] == 0x3D, "value range starts after '='")
        fuzzCheck(!data[tag.valueRange].contains(0x3B), "value range holds no ';'")
        fuzzCheck(tag.value == String(decoding: data[tag.valueRange].trimmingFWS(), as: UTF8.self),
                  "the value is its range without surrounding FWS")
    }
}

private func fuzzDKIMKeyRecord(_ text: String) {
    guard let record = try? DKIMKeyRecord(txt: text) else { return }
    fuzzCheck(record.isRevoked == record.publicKeyData.isEmpty, "revoked means no key")
    if let hashes = record.hashAlgorithms {
        fuzzCheck(hashes.allSatisfy { $0 == $0.asciiLowercased }, "h= lower case")
    }
}

private func fuzzDKIMSignature(_ data: [UInt8]) {
    guard let signature = try? DKIMSignature(field: data) else { return }
    let range = signature.signatureValueRange
    fuzzCheck(range.lowerBound >= 0 && range.upperBound <= data.count && range.lowerBound <= range.upperBound,
              "b= value range inside the field")
    let removed = signature.fieldWithoutSignature
    fuzzCheck(removed.count == data.count - range.count, "deleting b= removes exactly its value")
    let written = data[range].filter { !Byte.isFWS($0) }
    fuzzCheck(written == Array(signature.signatureBase64.utf8), "b= range holds the signature as written")
    fuzzCheck(StrictBase64.decode(signature.signatureBase64) == signature.signature, "b= decodes to the signature")
    fuzzCheck(signature.bodyHash.count == (signature.algorithm == .rsaSHA1 ? 20 : 32), "bh= length")
    fuzzCheck(DNSNameSyntax.isValid(signature.domain, minimumLabels: 2), "d= a domain")
    fuzzCheck(signature.signedHeaders.contains("from"), "From signed")
    fuzzCheck(signature.signedHeaders.count <= DKIMSignature.maximumSignedHeaders, "h= bounded")
    if let t = signature.timestamp, let x = signature.expiration { fuzzCheck(x >= t, "x= not before t=") }
    if let l = signature.bodyLength { fuzzCheck(l >= 0, "l= not negative") }
    _ = signature.keyRecordName
}

private func fuzzSPF(_ data: [UInt8]) {
    // Every macro string, in both forms, must expand whatever the values.
    for explanation in [false, true] {
        if let macro = SPFMacroString(data, explanation: explanation) {
            let expanded = macro.expand { letter in Array("a.b-c_d+e.\(Character(Unicode.Scalar(letter)))x".utf8) }
            let name = SPFDomain.truncated(expanded)
            fuzzCheck(name.utf8.count <= 253 || !name.contains("."), "expanded names truncated to 253 octets")
            _ = macro.isDomainSpec
            _ = macro.usesValidatedDomain
        }
    }
    guard SPFRecord.isSPFRecord(data) else { return }
    guard let record = try? SPFRecord(data) else { return }
    fuzzCheck(data.allSatisfy { (0x20...0x7E).contains($0) }, "an SPF record is printable ASCII")
    if let redirect = record.redirect { fuzzCheck(redirect.isDomainSpec, "redirect= a domain-spec") }
    if let explanation = record.explanation { fuzzCheck(explanation.isDomainSpec, "exp= a domain-spec") }
    for term in record.terms {
        switch term.mechanism {
        case .a(_, let v4, let v6), .mx(_, let v4, let v6):
            fuzzCheck((0...32).contains(v4) && (0...128).contains(v6), "dual CIDR lengths in range")
        case .ip4(let address, let length):
            fuzzCheck((0...32).contains(length), "ip4 CIDR length in range")
            fuzzCheck(SPFAddress.matches(address.bytes, address.bytes, length: length), "a network matches itself")
        case .ip6(let address, let length):
            fuzzCheck((0...128).contains(length), "ip6 CIDR length in range")
            fuzzCheck(SPFAddress.matches(address.bytes, address.bytes, length: length), "a network matches itself")
        case .include(let spec), .exists(let spec):
            fuzzCheck(spec.isDomainSpec, "include/exists domain-spec")
        case .all, .ptr:
            break
        }
    }
}

private func fuzzDMARC(_ data: [UInt8]) {
    guard let record = DMARCRecord(txt: data) else { return }
    fuzzCheck(record.aggregateReportURIs.allSatisfy { $0.contains(":") && !$0.hasPrefix(":") }, "rua URIs have a scheme")
    fuzzCheck(["y", "n", "u"].contains(record.psd), "psd is y, n or u")
    if !record.isApplicable { fuzzCheck(record.aggregateReportURIs.isEmpty, "a record with rua applies") }
    _ = record.effectivePolicy.oneLevelBelow
}

private func fuzzCanonicalization(_ data: [UInt8]) {
    let body = LineEndings.crlfNormalized(data)
    for algorithm in DKIMCanonicalization.allCases {
        let once = DKIMBodyCanonicalizer.canonicalize(body, algorithm)
        fuzzCheck(DKIMBodyCanonicalizer.canonicalize(once, algorithm) == once, "body canonicalization idempotent")
        fuzzCheck(once.isEmpty || once.suffix(2).elementsEqual(Byte.crlf), "canonical body ends with CRLF")
        let field = DKIMHeaderCanonicalizer.canonicalize(data, algorithm)
        fuzzCheck(field.suffix(2).elementsEqual(Byte.crlf), "canonical field ends with CRLF")
        if algorithm == .relaxed {
            let again = DKIMHeaderCanonicalizer.canonicalize(field.dropLast(2), algorithm)
            fuzzCheck(again == field, "relaxed header canonicalization idempotent")
        }
    }
}
