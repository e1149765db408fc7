import Crypto
import Foundation

/// Validates an Authenticated Received Chain (RFC 8617 §5.2): structure, the most recent
/// ARC-Message-Signature, then every ARC-Seal from the newest down. Canonicalization,
/// hashes, key records and signature checks are DKIM's (the same types serve both).
public struct ARCVerifier: Sendable {
    public init() {}

    public func verify(_ message: [UInt8], fetcher: some DKIMKeyFetcher, at time: Date = Date()) async -> ARCVerificationResult {
        let parsed = DKIMMessage(message)
        // Step 1: collect the ARC Sets.
        var fields: [ARCField] = []
        for (index, name) in parsed.lowercasedNames.enumerated() {
            guard let kind = ARCField.Kind(lowercasedName: name) else { continue }
            guard let field = ARCField(kind: kind, index: index, bytes: Array(parsed.fieldBytes(parsed.fields[index]))) else {
                return ARCVerificationResult(result: .fail, reason: "malformed \(parsed.fields[index].name) field")
            }
            fields.append(field)
        }
        guard !fields.isEmpty else { return ARCVerificationResult(result: .none) }
        let n = fields.map(\.instance).max() ?? 0
        func fail(_ why: String, sealers: [String] = []) -> ARCVerificationResult {
            ARCVerificationResult(result: .fail, instances: n, sealDomains: sealers, reason: why)
        }

        // Step 3 A, B: exactly one of each field per instance, 1...N without gaps.
        var sets = Array(repeating: [ARCField?](repeating: nil, count: 3), count: n + 1)
        for field in fields {
            guard sets[field.instance][field.kind.rawValue] == nil else { return fail("instance \(field.instance) repeated") }
            sets[field.instance][field.kind.rawValue] = field
        }
        for i in 1...n where sets[i].contains(where: { $0 == nil }) {
            return fail("ARC set \(i) incomplete")
        }
        let seals = (1...n).map { sets[$0][ARCField.Kind.seal.rawValue]! }
        let sealers = seals.map { ($0.tags?["d"] ?? "").lowercased() }
        // Step 2 and 3 C: cv=none for instance 1, pass above; the newest cv=fail ends it.
        for seal in seals {
            let cv = seal.tags?["cv"]?.lowercased()
            if cv == "fail" { return fail("ARC-Seal i=\(seal.instance) says cv=fail", sealers: sealers) }
            guard cv == (seal.instance == 1 ? "none" : "pass") else {
                return fail("ARC-Seal i=\(seal.instance) has cv=\(cv ?? "(missing)")", sealers: sealers)
            }
            // §4.1.3: h= is not allowed in an ARC-Seal.
            if seal.tags?["h"] != nil { return fail("ARC-Seal i=\(seal.instance) has h=", sealers: sealers) }
        }

        // The keys of the newest AMS and of every seal, fetched at once.
        let newestSignature = sets[n][ARCField.Kind.messageSignature.rawValue]!
        var names: Set<String> = []
        for field in seals + [newestSignature] {
            if let s = field.tags?["s"], let d = field.tags?["d"] { names.insert("\(s)._domainkey.\(d)".lowercased()) }
        }
        let keys = await DKIMVerifier.fetchKeys(names, fetcher: fetcher)

        // Step 4: the newest AMS.
        if let problem = verifyMessageSignature(newestSignature, in: parsed, keys: keys, at: time) {
            return fail("ARC-Message-Signature i=\(n): \(problem)", sealers: sealers)
        }
        // Step 6: each seal, newest first.
        for seal in seals.reversed() {
            if let problem = verifySeal(seal, sets: sets, keys: keys) {
                return fail("ARC-Seal i=\(seal.instance): \(problem)", sealers: sealers)
            }
        }
        return ARCVerificationResult(result: .pass, instances: n, sealDomains: sealers)
    }

    /// An AMS verifies as a DKIM signature whose `i=` is the instance (§4.1.2).
    private func verifyMessageSignature(_ field: ARCField, in message: DKIMMessage, keys: [String: DKIMKeyLookup],
                                        at time: Date) -> String? {
        guard let tags = field.tags, let withoutSignature = field.withoutSignature else { return "malformed" }
        guard let algorithmName = tags["a"], let algorithm = DKIMAlgorithm(rawValue: algorithmName.lowercased()),
              algorithm != .rsaSHA1 else { return "unacceptable algorithm" }
        guard let signature = tags["b"].flatMap(StrictBase64.decode), !signature.isEmpty,
              let bodyHash = tags["bh"].flatMap(StrictBase64.decode), bodyHash.count == 32 else { return "malformed b= or bh=" }
        guard let h = tags["h"] else { return "no h=" }
        let signedHeaders = h.split(separator: ":").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        var canonicalization = DKIMCanonicalizationPair.simpleSimple
        if let c = tags["c"] {
            guard let pair = DKIMCanonicalizationPair(tagValue: c) else { return "unknown canonicalization" }
            canonicalization = pair
        }
        if let x = tags["x"], let expiry = Double(x), expiry < time.timeIntervalSince1970 { return "expired" }
        let key: DKIMVerificationKey
        switch self.key(tags, keys: keys, algorithm: algorithm) {
        case .success(let k): key = k
        case .failure(let problem): return problem.reason
        }
        var body = DKIMBodyCanonicalizer.canonicalize(message.body, canonicalization.body)
        if let l = tags["l"], let length = Int(l) {
            guard length <= body.count else { return "body shorter than l=" }
            body = Array(body.prefix(length))
        }
        guard Array(SHA256.hash(data: body)) == bodyHash else { return "body hash did not verify" }
        let input = message.headerHashInput(signedHeaders: signedHeaders, signatureField: withoutSignature,
                                            algorithm: canonicalization.header, excluding: field.index)
        return key.isValid(signature: signature, for: input) ? nil : "signature did not verify"
    }

    /// An AS signs the ARC Sets 1…i, each as AAR, AMS, AS, relaxed; its own `b=` empty
    /// and without the final CRLF (§5.1.1).
    private func verifySeal(_ seal: ARCField, sets: [[ARCField?]], keys: [String: DKIMKeyLookup]) -> String? {
        guard let tags = seal.tags, let withoutSignature = seal.withoutSignature else { return "malformed" }
        guard let algorithmName = tags["a"], let algorithm = DKIMAlgorithm(rawValue: algorithmName.lowercased()),
              algorithm != .rsaSHA1 else { return "unacceptable algorithm" }
        guard let signature = tags["b"].flatMap(StrictBase64.decode), !signature.isEmpty else { return "malformed b=" }
        let key: DKIMVerificationKey
        switch self.key(tags, keys: keys, algorithm: algorithm) {
        case .success(let k): key = k
        case .failure(let problem): return problem.reason
        }
        var input: [UInt8] = []
        for i in 1...seal.instance {
            for kind in ARCField.Kind.allCases {
                guard let field = sets[i][kind.rawValue] else { return "ARC set \(i) incomplete" }
                if i == seal.instance && kind == .seal {
                    input.append(contentsOf: DKIMHeaderCanonicalizer.canonicalize(withoutSignature, .relaxed).dropLast(2))
                } else {
                    input.append(contentsOf: DKIMHeaderCanonicalizer.canonicalize(field.bytes, .relaxed))
                }
            }
        }
        return key.isValid(signature: signature, for: input) ? nil : "seal did not verify"
    }

    private func key(_ tags: DKIMTagList, keys: [String: DKIMKeyLookup],
                     algorithm: DKIMAlgorithm) -> Result<DKIMVerificationKey, DKIMKeyProblem> {
        guard let s = tags["s"], let d = tags["d"] else { return .failure(.unusable("no d= or s=")) }
        let lookup = keys["\(s)._domainkey.\(d)".lowercased()] ?? .temporaryFailure("key not fetched")
        switch DKIMKeySelection.record(from: lookup) {
        case .failure(.permanent(let why)), .failure(.temporary(let why)):
            return .failure(.unusable(why))
        case .success(let record):
            guard !record.isRevoked else { return .failure(.unusable("key revoked")) }
            guard record.keyType == algorithm.keyType else { return .failure(.unusable("inappropriate key algorithm")) }
            do { return .success(try DKIMVerificationKey(record: record)) } catch { return .failure(error) }
        }
    }
}
