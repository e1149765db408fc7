import Foundation
import X509

/// The TLS part of `postino check`: the certificate the server presents (the first of
/// the chain in the PEM file), checked for what makes clients and other servers refuse it.
public enum TLSCertificateCheck {
    /// Days before expiry from which the certificate is reported.
    public static let renewalWindowDays = 30

    public static func findings(pem: String, source: String, hostname: String, now: Date = Date()) -> [CheckFinding] {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: pem)
        } catch {
            return [CheckFinding(.fail, "tls", "cannot read the certificate \(source): \(error)",
                                 fix: "postino settings set tls.certificate /path/to/fullchain.pem (and tls.key)")]
        }
        var out: [CheckFinding] = []
        let fix = "install a certificate for \(hostname) from a CA (e.g. Let's Encrypt), then postino settings set tls.certificate FULLCHAIN.pem and tls.key KEY.pem"
        if certificate.issuer == certificate.subject {
            out.append(CheckFinding(.fail, "tls", "the certificate \(source) is self-signed (clients warn, MTA-STS fails)", fix: fix))
        }
        let days = Int(certificate.notValidAfter.timeIntervalSince(now) / 86_400)
        let expiry = ISO8601DateFormatter.string(from: certificate.notValidAfter, timeZone: TimeZone(identifier: "UTC")!,
                                                 formatOptions: [.withFullDate])
        if certificate.notValidAfter <= now {
            out.append(CheckFinding(.fail, "tls", "the certificate expired on \(expiry)", fix: fix))
        } else if days < renewalWindowDays {
            out.append(CheckFinding(.fail, "tls", "the certificate expires in \(days) days (\(expiry))", fix: "renew it"))
        }
        let names = dnsNames(certificate)
        if !names.contains(where: { matches($0, hostname) }) {
            out.append(CheckFinding(.fail, "tls", "the certificate is not valid for \(hostname) (it names \(names.isEmpty ? "no host" : names.joined(separator: ", ")))", fix: fix))
        }
        if out.isEmpty {
            out.append(CheckFinding(.ok, "tls", "certificate for \(hostname) valid until \(expiry), issued by \(certificate.issuer)"))
        }
        return out
    }

    /// The DNS names of the subject alternative name extension, else the common name.
    static func dnsNames(_ certificate: Certificate) -> [String] {
        var names: [String] = []
        if let san = try? certificate.extensions.subjectAlternativeNames {
            for name in san { if case .dnsName(let dns) = name { names.append(dns.lowercased()) } }
        }
        if names.isEmpty {
            for rdn in certificate.subject {
                for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                    names.append(String(describing: attribute.value).lowercased())
                }
            }
        }
        return names
    }

    /// RFC 6125 §6.4.3: a `*` matches one whole left-most label.
    static func matches(_ pattern: String, _ hostname: String) -> Bool {
        let host = hostname.lowercased()
        if pattern == host { return true }
        guard pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
        return host[host.index(after: dot)...] == pattern.dropFirst(2)
    }
}
