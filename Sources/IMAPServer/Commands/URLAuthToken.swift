import Crypto

/// The INTERNAL mechanism's token (RFC 4467 §2.4.1): "01", naming the algorithm so a later
/// one can be told apart ("the server SHOULD incorporate some means of identifying the
/// token generation algorithm within the token"), then HMAC-SHA256 of the rump URL under
/// the mailbox access key, in lower-case hex (66 digits; §3 asks for at least 32).
enum URLAuthToken {
    static let algorithm = "01"

    static func make(rump: String, key: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(rump.utf8), using: SymmetricKey(data: key))
        return algorithm + mac.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// Whether `token` (hex, any case) is the token of `rump` under `key`; every octet is
    /// compared whatever the first difference, so the time says nothing about it.
    static func verify(_ token: String, rump: String, key: [UInt8]) -> Bool {
        let expected = Array(make(rump: rump, key: key).utf8)
        let given = Array(token.lowercased().utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }

    /// A key for a URL whose mailbox or key does not exist: RFC 4467 §6 computes a token
    /// anyway, "to prevent timing attacks aimed at identifying mailbox names".
    static func plausibleKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
