import MailAuth

/// A domain's DKIM key as `GET /api/v1/domains/{name}/dkim` shows it: the public part
/// and the TXT record to publish. The private key is never part of a row.
public struct DKIMKeyRow: Codable, Sendable, Hashable {
    public var domain: String
    public var selector: String
    /// `rsa` (2048 bits) or `ed25519`.
    public var key_type: String
    /// The record's name: `selector._domainkey.domain`.
    public var name: String
    /// The record's text: `v=DKIM1; k=rsa; p=…`.
    public var value: String
    /// The record as a BIND zone-file line, cut into 255-octet character-strings.
    public var zone_file_line: String

    public init(domain: String, selector: String, key_type: String, name: String, value: String, zone_file_line: String) {
        self.domain = domain
        self.selector = selector
        self.key_type = key_type
        self.name = name
        self.value = value
        self.zone_file_line = zone_file_line
    }

    init(domain: String, key: DKIMDomainKey) {
        let record = key.txtRecord(domain: domain)
        self.init(domain: domain, selector: key.selector, key_type: key.key.keyType.rawValue, name: record.name,
                  value: record.value, zone_file_line: record.zoneFileLine)
    }
}
