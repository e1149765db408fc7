/// One element of a client command (RFC 5804 §1.2, §4): an atom (command names, numbers)
/// or a string, whether it came quoted or as a literal.
public enum ManageSieveToken: Hashable, Sendable {
    case atom([UInt8])
    /// The string's octets: quoted strings unescaped, literals as sent.
    case string([UInt8])
}
