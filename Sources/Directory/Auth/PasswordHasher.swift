import CCrypt

/// Schemes for new password hashes (the `auth.password_scheme` setting). Both are what
/// Dovecot calls SHA512-CRYPT and what current Linux distributions write to /etc/shadow.
public enum PasswordScheme: String, Sendable, CaseIterable {
    case sha512Crypt = "sha512-crypt"
    case yescrypt
}

/// crypt(3) through libxcrypt. Hashing is deliberately slow (2–200 ms): call it off the
/// event loops.
public enum PasswordHasher {
    /// Hashes `password` with a fresh random salt.
    public static func hash(_ password: String, scheme: PasswordScheme) throws(DirectoryError) -> String {
        guard !password.isEmpty else { throw .invalidPassword("the password is empty") }
        guard !password.utf8.contains(0) else { throw .invalidPassword("the password contains a NUL character") }
        let setting: String
        switch scheme {
        case .sha512Crypt:
            // 16 salt characters (the maximum), default rounds (5000) as Dovecot and shadow use.
            setting = "$6$" + randomSalt(count: 16)
        case .yescrypt:
            guard let s = gensalt(prefix: "$y$") else { throw .invalidPassword("yescrypt is not available in this libcrypt") }
            setting = s
        }
        guard let hash = crypt(password, setting: setting) else {
            throw .invalidPassword("crypt(3) failed for scheme \(scheme.rawValue)")
        }
        return hash
    }

    /// True when `password` matches `storedHash`. Never throws: anything malformed is a mismatch.
    public static func verify(_ password: String, against storedHash: String) -> Bool {
        guard !password.isEmpty, !password.utf8.contains(0), !storedHash.isEmpty,
              let computed = crypt(password, setting: storedHash) else {
            return false
        }
        return constantTimeEquals(Array(computed.utf8), Array(storedHash.utf8))
    }

    /// Checks an imported hash and returns it in the form to store: a Dovecot scheme
    /// prefix such as `{SHA512-CRYPT}` is removed, the format is checked strictly, and
    /// libcrypt must accept it as a setting.
    public static func normalizeImportedHash(_ text: String) throws(DirectoryError) -> String {
        var hash = Text.trim(text)
        if hash.hasPrefix("{"), let close = hash.firstIndex(of: "}") {
            let scheme = hash[hash.index(after: hash.startIndex)..<close].uppercased()
            let known = ["CRYPT", "SHA512-CRYPT", "SHA256-CRYPT", "MD5-CRYPT", "BLF-CRYPT", "YESCRYPT"]
            guard known.contains(scheme) else {
                throw .invalidPasswordHash("scheme {\(scheme)} is not a crypt(3) scheme; use one of " + known.map { "{\($0)}" }.joined(separator: ", "))
            }
            hash = String(hash[hash.index(after: close)...])
        }
        if let problem = HashFormat.problem(hash) {
            throw .invalidPasswordHash(problem)
        }
        // The library must be able to use it (e.g. a $y$ parameter string it accepts).
        guard crypt("check", setting: hash) != nil else {
            throw .invalidPasswordHash("libcrypt rejects this hash")
        }
        return hash
    }

    // MARK: - libxcrypt

    /// crypt_r with a zeroed heap `struct crypt_data` (about 32 KiB, too big for some
    /// thread stacks). nil on failure (libxcrypt returns a string starting with `*`).
    static func crypt(_ phrase: String, setting: String) -> String? {
        let size = MemoryLayout<crypt_data>.size
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<crypt_data>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        defer {
            // The work area holds password-derived state: wipe it before freeing.
            raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
            raw.deallocate()
        }
        let data = raw.bindMemory(to: crypt_data.self, capacity: 1)
        guard let result = crypt_r(phrase, setting, data) else { return nil }
        let text = String(cString: result)
        if text.isEmpty || text.hasPrefix("*") { return nil }
        return text
    }

    /// A setting string from crypt_gensalt_rn with the library's own random bytes.
    static func gensalt(prefix: String, count: UInt = 0) -> String? {
        var output = [CChar](repeating: 0, count: 256)
        guard crypt_gensalt_rn(prefix, count, nil, 0, &output, Int32(output.count)) != nil else { return nil }
        let text = String(decoding: output.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.hasPrefix("*") || text.isEmpty ? nil : text
    }

    static let saltAlphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func randomSalt(count: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<count).map { _ in saltAlphabet[Int(rng.next(upperBound: UInt64(saltAlphabet.count)))] }, as: UTF8.self)
    }

    /// Compares every byte whatever the first difference, so that the time taken does not
    /// tell an attacker how much of a guess was right.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt(bitPattern: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0
    }
}
