/// Which settings a running server applies at once and which only when `serve` starts, and
/// the closest known key to a mistyped one.
extension SettingKey {
    /// Why the setting applies only when `postino serve` (re)starts, or nil when a running
    /// server reads it at its next use (every other setting: each SMTP/IMAP session,
    /// message, delivery or login reads the settings afresh; `imap.enabled` and
    /// `pop3.enabled` open and close their listeners within a second).
    public var restartReason: String? {
        switch self {
        case .serverHostname: return "greetings, logs and the self-signed certificate are set up at start"
        case .tlsCertificate, .tlsKey: return "the TLS material is loaded at start"
        case .dnsNameserver: return "the server's DNS resolvers are made at start"
        case .adminTLS: return "the admin listener chooses HTTP or HTTPS when it starts"
        case .connectionsPerIP, .connectionRatePerIP:
            return "each listener reads its connection limits when it starts"
        default: return nil
        }
    }

    /// Settings that a running server applies only at its next start.
    public static var appliedAtStart: [SettingKey] { allCases.filter { $0.restartReason != nil } }

    /// The known key nearest to `name` (edit distance; on a tie, the first in registry
    /// order), for "unknown setting" errors.
    public static func closest(to name: String) -> SettingKey {
        let typed = Array(name.lowercased().unicodeScalars)
        var best = SettingKey.allCases[0]
        var bestDistance = Int.max
        for key in allCases {
            let candidate = Array(key.rawValue.unicodeScalars)
            // A key that ends like what was typed (`max_message_size`) is what was meant.
            let distance = key.rawValue.hasSuffix("." + name.lowercased()) ? 0 : editDistance(typed, candidate)
            if distance < bestDistance {
                best = key
                bestDistance = distance
            }
        }
        return best
    }

    /// Levenshtein distance (insertions, deletions and substitutions of one character).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
