/// Builds the Authentication-Results header field (RFC 8601) that records what the
/// receiving server checked.
public enum AuthenticationResults {
    /// The complete field, CRLF-terminated and folded one result per line:
    ///
    ///     Authentication-Results: mx.example.org;
    ///      dkim=pass header.d=example.com header.s=default header.b=AbCdEfGh
    ///
    /// - Parameters:
    ///   - authservID: the host that did the checks (RFC 8601 §2.5).
    ///   - fragments: method results such as `DKIMVerificationResult.authenticationResultsFragment`;
    ///     none gives `none` (RFC 8601 §2.2).
    public static func field(authservID: String, fragments: [String]) -> String {
        let id = removingLineBreaks(authservID)
        guard !fragments.isEmpty else { return "Authentication-Results: \(id); none\r\n" }
        return "Authentication-Results: \(id);\r\n " + fragments.map(removingLineBreaks).joined(separator: ";\r\n ") + "\r\n"
    }

    /// The `dkim=` fragments for a verification: one per signature, or `dkim=none`.
    public static func dkimFragments(_ results: [DKIMVerificationResult]) -> [String] {
        results.isEmpty ? ["dkim=none"] : results.map(\.authenticationResultsFragment)
    }

    /// A property or reason value (RFC 8601 §2.2 `pvalue`): as is when it is a MIME
    /// token or an address-like `local@domain`, a quoted-string otherwise.
    static func quotedIfNeeded(_ value: String) -> String {
        let bytes = Array(value.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ isTokenByte($0) || $0 == Byte.at }),
           bytes.filter({ $0 == Byte.at }).count <= 1, bytes.last != Byte.at {
            return value
        }
        var quoted = "\""
        for scalar in removingLineBreaks(value).unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// RFC 2045 §5.1 token characters.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        return !"()<>@,;:\\\"/[]?=".utf8.contains(b)
    }

    private static func removingLineBreaks(_ s: String) -> String {
        String(s.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : Character($0) })
    }
}
