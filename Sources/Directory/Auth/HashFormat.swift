/// Strict shape checks of crypt(3) hashes accepted for import, so that a typo (or a
/// hash of an unsupported scheme) is refused at once rather than locking the user out.
enum HashFormat {
    static let supported = "$6$ (SHA512-CRYPT), $5$ (SHA256-CRYPT), $y$ (yescrypt), $2b$/$2a$/$2y$ (bcrypt) or $1$ (MD5-CRYPT)"

    /// Why `hash` is not an importable hash, or nil when it is fine.
    static func problem(_ hash: String) -> String? {
        guard hash.hasPrefix("$") else {
            return "expected a crypt(3) hash: " + supported
        }
        // "$id$a$b…" → ["", id, a, b…]
        let fields = hash.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 3 else { return "truncated hash" }
        switch fields[1] {
        case "1":
            return check(fields, name: "MD5-CRYPT", maxSalt: 8, hashLength: 22)
        case "5":
            return check(fields, name: "SHA256-CRYPT", maxSalt: 16, hashLength: 43)
        case "6":
            return check(fields, name: "SHA512-CRYPT", maxSalt: 16, hashLength: 86)
        case "2a", "2b", "2y":
            // $2b$12$ + 22 salt + 31 hash characters.
            guard fields.count == 4, fields[2].count == 2, let cost = Int(fields[2]), (4...31).contains(cost) else {
                return "bcrypt hashes look like $2b$12$ followed by 53 characters"
            }
            guard fields[3].utf8.count == 53, isBase64Crypt(fields[3]) else {
                return "bcrypt hashes have 53 characters after the cost"
            }
            return nil
        case "y":
            // $y$params$salt$hash; the hash is 43 characters.
            guard fields.count == 5, !fields[2].isEmpty, isBase64Crypt(fields[2]), isBase64Crypt(fields[3]),
                  fields[4].utf8.count == 43, isBase64Crypt(fields[4]) else {
                return "yescrypt hashes look like $y$j9T$salt$ followed by 43 characters"
            }
            return nil
        default:
            return "unsupported scheme $\(fields[1])$; expected " + supported
        }
    }

    /// `$id$[rounds=N$]salt$hash` of the SHA-crypt and MD5-crypt families.
    private static func check(_ fields: [String], name: String, maxSalt: Int, hashLength: Int) -> String? {
        var rest = Array(fields.dropFirst(2))
        if name != "MD5-CRYPT", let first = rest.first, first.hasPrefix("rounds=") {
            guard let rounds = Int(first.dropFirst(7)), rounds > 0 else { return "\(name): invalid rounds" }
            rest.removeFirst()
        }
        guard rest.count == 2 else {
            return "\(name) hashes look like $id$salt$hash"
        }
        guard rest[0].utf8.count <= maxSalt, !rest[0].contains(":"), !rest[0].contains("\n") else {
            return "\(name): the salt has at most \(maxSalt) characters"
        }
        guard rest[1].utf8.count == hashLength, isBase64Crypt(rest[1]) else {
            return "\(name): the hash part must be \(hashLength) characters of [./0-9A-Za-z]"
        }
        return nil
    }

    /// The crypt alphabet `./0-9A-Za-z`.
    static func isBase64Crypt(_ text: String) -> Bool {
        text.utf8.allSatisfy { b in
            NameRules.isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "/")
        }
    }
}
