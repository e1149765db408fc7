/// The DNS record that publishes a DKIM public key (RFC 6376 §3.6.1, §3.6.2).
public struct DKIMTXTRecord: Sendable, Hashable {
    /// `selector._domainkey.domain` (no trailing dot).
    public let name: String
    /// The record text: `v=DKIM1; k=rsa; p=…`.
    public let value: String

    public init(selector: String, domain: String, keyType: DKIMKeyType, publicKeyBase64: String) {
        name = "\(selector)._domainkey.\(domain)"
        value = "v=DKIM1; k=\(keyType.rawValue); p=\(publicKeyBase64)"
    }

    /// The value cut into character-strings of at most 255 octets (RFC 1035 §3.3.14);
    /// resolvers join them again (RFC 6376 §3.6.2.2).
    public var characterStrings: [String] {
        var strings: [String] = []
        var rest = Substring(value)
        repeat {
            // The value is ASCII, so characters are octets.
            strings.append(String(rest.prefix(255)))
            rest = rest.dropFirst(255)
        } while !rest.isEmpty
        return strings
    }

    /// A zone-file line to paste into a BIND-style zone:
    /// `default._domainkey.example.com. IN TXT "v=DKIM1; k=rsa; p=…" "…"`.
    public var zoneFileLine: String {
        "\(name). IN TXT " + characterStrings.map { "\"\($0)\"" }.joined(separator: " ")
    }
}
