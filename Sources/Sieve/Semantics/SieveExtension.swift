/// The capabilities a script can `require` (RFC 5228 §3.2).
public enum SieveExtension: String, Sendable, Hashable, CaseIterable, Comparable {
    case fileinto
    case reject
    case ereject
    case envelope
    case encodedCharacter = "encoded-character"
    case body
    case copy
    case imap4flags
    case variables
    case relational
    case comparatorOctet = "comparator-i;octet"
    case comparatorASCIICasemap = "comparator-i;ascii-casemap"
    case comparatorASCIINumeric = "comparator-i;ascii-numeric"
    case subaddress
    case vacation
    case vacationSeconds = "vacation-seconds"
    case date
    case index
    case mailbox
    case include
    case spamtest
    case spamtestplus
    case editheader
    case duplicate
    /// draft-ietf-sieve-regex-01: the `:regex` match type and the `:quoteregex` modifier.
    case regex

    public static func < (lhs: SieveExtension, rhs: SieveExtension) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Extensions that requiring this one also makes available (RFC 6131 §2: vacation-seconds
    /// implies vacation; RFC 5235 §3.2: spamtestplus implies spamtest).
    var implied: [SieveExtension] {
        switch self {
        case .vacationSeconds: return [.vacation]
        case .spamtestplus: return [.spamtest]
        default: return []
        }
    }

    /// The capability list as ManageSieve's SIEVE capability shows it (RFC 5804 §1.7).
    public static func capabilityString(_ extensions: Set<SieveExtension> = Set(allCases)) -> String {
        extensions.sorted().map(\.rawValue).joined(separator: " ")
    }
}
