import Crypto
import Foundation

/// Adds an ARC Set (RFC 8617 §5.1) to a message this server passes on (forwards,
/// aliases to external addresses): ARC-Authentication-Results with what we found,
/// ARC-Message-Signature over the message as it leaves, ARC-Seal over all the sets.
///
///     let chain = await ARCVerifier().verify(message, fetcher: fetcher)
///     let sealed = try ARCSealer(domain: "example.org", selector: "default", key: key)
///         .seal(message, chain: chain, authenticationResults: report.authenticationResults)
public struct ARCSealer: Sendable {
    public var domain: String
    public var selector: String
    public var key: DKIMSigningKey
    /// Fields the AMS covers when present. Never ARC fields nor Authentication-Results
    /// (§4.1.2); DKIM-Signature fields are covered, as §4.1.2 recommends.
    public var headerNames: [String] = DKIMSigner.defaultHeaderNames + ["dkim-signature"]

    public init(domain: String, selector: String, key: DKIMSigningKey) {
        self.domain = domain
        self.selector = selector
        self.key = key
    }

    /// `message` with a new ARC Set on top (in the message's line ends), or the message
    /// unchanged when it already carries 50 sets (§5.2 step 1: no room for another).
    ///
    /// - Parameters:
    ///   - chain: the validation of the message's chain as it arrived: gives `cv=`.
    ///   - authenticationResults: an Authentication-Results value,
    ///     `authserv-id; method=result …` (`InboundAuthenticationReport.authenticationResults`).
    public func seal(_ message: [UInt8], chain: ARCVerificationResult, authenticationResults: String,
                     at time: Date = Date()) throws(DKIMSigningError) -> [UInt8] {
        let parsed = DKIMMessage(message)
        let instance = chain.instances + 1
        guard instance <= 50 else { return message }
        let cv: String
        switch chain.result {
        case .none: cv = instance == 1 ? "none" : "fail"
        case .pass: cv = "pass"
        case .fail: cv = "fail"
        }
        let timestamp = String(Int64(time.timeIntervalSince1970.rounded(.down)))
        let domain = self.domain.asciiLowercased

        // ARC-Authentication-Results (§4.1.1).
        let aar = "ARC-Authentication-Results: i=\(instance); \(authenticationResults)"

        // ARC-Message-Signature (§4.1.2): a DKIM signature with i= for v=.
        var signer = DKIMSigner(domain: domain, selector: selector, key: key)
        signer.headerNames = headerNames
        let signedHeaders = signer.signedHeaderList(for: parsed)
        let bodyHash = SHA256.hash(data: DKIMBodyCanonicalizer.canonicalize(parsed.body, .relaxed))
        var ams = DKIMSignatureFieldWriter(name: "ARC-Message-Signature")
        ams.append(tag: "i", pieces: [String(instance)])
        ams.append(tag: "a", pieces: [key.algorithm.rawValue])
        ams.append(tag: "c", pieces: ["relaxed/relaxed"])
        ams.append(tag: "d", pieces: [domain])
        ams.append(tag: "s", pieces: [selector])
        ams.append(tag: "t", pieces: [timestamp])
        ams.append(tag: "h", pieces: signedHeaders.enumerated().map { $0.offset == signedHeaders.count - 1 ? $0.element : $0.element + ":" })
        ams.append(tag: "bh", pieces: [Data(bodyHash).base64EncodedString()])
        let amsInput = parsed.headerHashInput(signedHeaders: signedHeaders, signatureField: Array(ams.unsignedField().utf8),
                                              algorithm: .relaxed)
        let amsField = ams.signedField(signatureBase64: try Self.signature(key, amsInput))

        // ARC-Seal (§4.1.3, §5.1.1): the sets in instance order, AAR, AMS, AS each; with
        // cv=fail only our own set (§5.1.2).
        var seal = DKIMSignatureFieldWriter(name: "ARC-Seal")
        seal.append(tag: "i", pieces: [String(instance)])
        seal.append(tag: "cv", pieces: [cv])
        seal.append(tag: "a", pieces: [key.algorithm.rawValue])
        seal.append(tag: "d", pieces: [domain])
        seal.append(tag: "s", pieces: [selector])
        seal.append(tag: "t", pieces: [timestamp])
        var sealInput: [UInt8] = []
        if cv != "fail" {
            var existing: [Int: [ARCField.Kind: [UInt8]]] = [:]
            for (index, name) in parsed.lowercasedNames.enumerated() {
                guard let kind = ARCField.Kind(lowercasedName: name),
                      let field = ARCField(kind: kind, index: index, bytes: Array(parsed.fieldBytes(parsed.fields[index]))) else { continue }
                existing[field.instance, default: [:]][kind] = field.bytes
            }
            for i in 1..<instance {
                for kind in ARCField.Kind.allCases {
                    guard let bytes = existing[i]?[kind] else { continue }
                    sealInput += DKIMHeaderCanonicalizer.canonicalize(bytes, .relaxed)
                }
            }
        }
        sealInput += DKIMHeaderCanonicalizer.canonicalize(Array(aar.utf8), .relaxed)
        sealInput += DKIMHeaderCanonicalizer.canonicalize(Array(amsField.utf8.dropLast(2)), .relaxed)
        sealInput += DKIMHeaderCanonicalizer.canonicalize(Array(seal.unsignedField().utf8), .relaxed).dropLast(2)
        let sealField = seal.signedField(signatureBase64: try Self.signature(key, sealInput))

        let fields = Array((sealField + amsField + aar + "\r\n").utf8)
        return LineEndings.converting(fields, to: LineEndings.style(of: message)) + message
    }

    private static func signature(_ key: DKIMSigningKey, _ input: [UInt8]) throws(DKIMSigningError) -> String {
        do { return Data(try key.sign(input)).base64EncodedString() } catch { throw .cryptoFailure("\(error)") }
    }
}
