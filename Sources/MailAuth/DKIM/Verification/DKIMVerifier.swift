import Crypto
import Foundation

/// Verifies the DKIM signatures of a message (RFC 6376 §6), one result per
/// DKIM-Signature field, top to bottom.
///
/// Messages with bare LF line ends are verified as if every LF were CRLF (see
/// `LineEndings`).
public struct DKIMVerifier: Sendable {
    /// Signatures beyond this many are not evaluated (each costs a DNS query).
    public var maximumSignatures = 8

    public init() {}

    /// Verifies with keys fetched through `fetcher` (in practice, DNS). The keys of all
    /// signatures are fetched at the same time: a message costs one DNS round trip.
    public func verify(_ message: [UInt8], fetcher: some DKIMKeyFetcher, at time: Date = Date()) async -> [DKIMVerificationResult] {
        let parsed = DKIMMessage(message)
        var names: Set<String> = []
        for index in signatureFieldIndices(parsed) {
            guard let signature = try? DKIMSignature(field: Array(parsed.fieldBytes(parsed.fields[index]))) else { continue }
            // Signatures refused before the key matters cost no query.
            if signature.algorithm == .rsaSHA1 { continue }
            if let expiration = signature.expiration, Double(expiration) < time.timeIntervalSince1970 { continue }
            names.insert(signature.keyRecordName)
        }
        let lookups = await Self.fetchKeys(names, fetcher: fetcher)
        return verify(parsed, at: time) { lookups[$0] ?? .temporaryFailure("key not fetched") }
    }

    /// Fetches the TXT records at `names` concurrently.
    static func fetchKeys(_ names: Set<String>, fetcher: some DKIMKeyFetcher) async -> [String: DKIMKeyLookup] {
        await withTaskGroup(of: (String, DKIMKeyLookup).self) { group in
            for name in names {
                group.addTask { (name, await fetcher.lookUpTXT(name)) }
            }
            var lookups: [String: DKIMKeyLookup] = [:]
            for await (name, lookup) in group { lookups[name] = lookup }
            return lookups
        }
    }

    /// Verifies with keys from a synchronous `lookup` (fixed records, caches).
    public func verify(_ message: [UInt8], at time: Date = Date(), lookup: (String) -> DKIMKeyLookup) -> [DKIMVerificationResult] {
        verify(DKIMMessage(message), at: time, lookup: lookup)
    }

    private func signatureFieldIndices(_ message: DKIMMessage) -> [Int] {
        Array(message.lowercasedNames.indices.filter { message.lowercasedNames[$0] == "dkim-signature" }.prefix(max(0, maximumSignatures)))
    }

    private func verify(_ message: DKIMMessage, at time: Date, lookup: (String) -> DKIMKeyLookup) -> [DKIMVerificationResult] {
        var canonicalBodies: [DKIMCanonicalization: [UInt8]] = [:]
        func canonicalBody(_ algorithm: DKIMCanonicalization) -> [UInt8] {
            if let body = canonicalBodies[algorithm] { return body }
            let body = DKIMBodyCanonicalizer.canonicalize(message.body, algorithm)
            canonicalBodies[algorithm] = body
            return body
        }
        return signatureFieldIndices(message).map { index in
            verifyOne(fieldIndex: index, in: message, at: time, lookup: lookup, canonicalBody: canonicalBody)
        }
    }

    private func verifyOne(fieldIndex: Int, in message: DKIMMessage, at time: Date, lookup: (String) -> DKIMKeyLookup,
                           canonicalBody: (DKIMCanonicalization) -> [UInt8]) -> DKIMVerificationResult {
        let fieldBytes = Array(message.fieldBytes(message.fields[fieldIndex]))
        let signature: DKIMSignature
        do {
            signature = try DKIMSignature(field: fieldBytes)
        } catch {
            var result = DKIMVerificationResult(result: .permerror, reason: error.description)
            // Name the signer when the tags are readable at all.
            if let tags = try? DKIMTagList.parse(Array(fieldBytes.drop { $0 != Byte.colon }.dropFirst())) {
                result.domain = tags["d"].map(\.asciiLowercased)
                result.selector = tags["s"].map(\.asciiLowercased)
            }
            return result
        }

        var result = DKIMVerificationResult(result: .pass, domain: signature.domain, selector: signature.selector,
                                            identity: signature.identity, algorithm: signature.algorithm,
                                            signaturePrefix: String(signature.signatureBase64.prefix(8)))
        func outcome(_ code: DKIMResultCode, _ reason: String) -> DKIMVerificationResult {
            var r = result
            r.result = code
            r.reason = reason
            return r
        }

        if let expiration = signature.expiration, Double(expiration) < time.timeIntervalSince1970 {
            return outcome(.permerror, "signature expired")
        }
        if signature.algorithm == .rsaSHA1 {
            return outcome(.permerror, "rsa-sha1 is not acceptable (RFC 8301)")
        }

        // Key (§6.1.2).
        let record: DKIMKeyRecord
        switch DKIMKeySelection.record(from: lookup(signature.keyRecordName)) {
        case .success(let found): record = found
        case .failure(.permanent(let why)): return outcome(.permerror, why)
        case .failure(.temporary(let why)): return outcome(.temperror, why)
        }
        result.keyIsTesting = record.isTesting
        let failure = { (code: DKIMResultCode, reason: String) -> DKIMVerificationResult in
            // t=y: a failure must not count against the message (§3.6.1).
            record.isTesting && code == .fail ? outcome(.neutral, reason + " (testing key)") : outcome(code, reason)
        }

        if record.isRevoked { return failure(.permerror, "key revoked") }
        if record.keyType != signature.algorithm.keyType { return failure(.permerror, "inappropriate key algorithm") }
        if let hashes = record.hashAlgorithms, !hashes.contains(signature.algorithm.hashName) {
            return failure(.permerror, "inappropriate hash algorithm")
        }
        if record.isStrict, let identity = signature.identity,
           let at = identity.lastIndex(of: "@"), String(identity[identity.index(after: at)...]).asciiLowercased != signature.domain {
            return failure(.permerror, "domain mismatch: key requires i= in d= exactly (t=s)")
        }
        let key: DKIMVerificationKey
        do { key = try DKIMVerificationKey(record: record) } catch { return failure(.permerror, error.reason) }

        // Body (§6.1.3 steps 1–3).
        let body = canonicalBody(signature.canonicalization.body)
        var signedBody = body[...]
        if let length = signature.bodyLength {
            guard length <= body.count else { return failure(.permerror, "body shorter than l= says") }
            signedBody = body.prefix(length)
        }
        guard Array(SHA256.hash(data: signedBody)) == signature.bodyHash else {
            return failure(.fail, "body hash did not verify")
        }

        // Header (§6.1.3 step 4).
        let input = message.headerHashInput(signedHeaders: signature.signedHeaders,
                                            signatureField: signature.fieldWithoutSignature,
                                            algorithm: signature.canonicalization.header, excluding: fieldIndex)
        guard key.isValid(signature: signature.signature, for: input) else {
            return failure(.fail, "signature did not verify")
        }
        if signedBody.count < body.count {
            result.reason = "l= leaves \(body.count - signedBody.count) body octets unsigned"
            result.unsignedBodyOctets = body.count - signedBody.count
        }
        return result
    }
}
