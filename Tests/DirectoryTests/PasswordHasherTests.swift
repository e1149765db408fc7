import Testing
@testable import Directory

/// Hashes made outside Postino (Python's crypt module on libxcrypt, as Dovecot and
/// /etc/shadow hold them), with their passwords.
enum ForeignHashes {
    static let sha512 = ("Secret-6", "$6$abcdefghijklmnop$KT6j68wGIHiCp31vc/2FYJcJw5cMeVvUjsnvZtVn4zfJAOMEb3eNRgY/Cmnr0oTZFDUavtO95rjrLTUzxSlHd.")
    static let sha512Rounds = ("Secret-6", "$6$rounds=10000$saltsaltsalt$8XuBEM.8W1skCAXuS9Nf51tW477bDYmEWxX2dMk9kOCZy/0pe4k.pQKZq.tn98dYRsT0DkvAufxOC.95ettdv0")
    static let yescrypt = ("Secret-y", "$y$j9T$PK1/ojJth1zXevqDhe4Or/$jw.2w/mjYF4V.a1ihZEJ/JxCL/E8J11eQ/ENp4bAbo9")
    static let bcrypt = ("Secret-2b", "$2b$05$abcdefghijklmnopqrstuuZ58nSP37uwNVrXKwY1JxmZRev8FYia.")
    static let sha256 = ("Secret-5", "$5$saltsalt$XClXL0QT8GWdNdx3NvkPmr/DuTXKb1K9q2Yj.k8A2fD")
    static let md5 = ("Secret-1", "$1$saltsalt$8yk2Ya3KpfWOH4Sa.L8g21")

    static let all = [sha512, sha512Rounds, yescrypt, bcrypt, sha256, md5]
}

@Suite("Password hashing")
struct PasswordHasherTests {
    @Test(arguments: PasswordScheme.allCases)
    func hashAndVerify(scheme: PasswordScheme) throws {
        let hash = try PasswordHasher.hash("pässwörd with spaces", scheme: scheme)
        #expect(hash.hasPrefix(scheme == .sha512Crypt ? "$6$" : "$y$"))
        #expect(PasswordHasher.verify("pässwörd with spaces", against: hash))
        #expect(!PasswordHasher.verify("pässwörd with space", against: hash))
        #expect(!PasswordHasher.verify("", against: hash))
        // A fresh salt every time.
        #expect(try PasswordHasher.hash("same", scheme: scheme) != PasswordHasher.hash("same", scheme: scheme))
        #expect(HashFormat.problem(hash) == nil)
    }

    @Test func sha512SaltHasSixteenCharacters() throws {
        let hash = try PasswordHasher.hash("x", scheme: .sha512Crypt)
        let fields = hash.split(separator: "$")
        #expect(fields.count == 3 && fields[1].count == 16 && fields[2].count == 86)
    }

    @Test(arguments: ForeignHashes.all)
    func foreignHashesVerify(password: String, hash: String) throws {
        #expect(try PasswordHasher.normalizeImportedHash(hash) == hash)
        #expect(PasswordHasher.verify(password, against: hash))
        #expect(!PasswordHasher.verify(password + "x", against: hash))
    }

    @Test func dovecotSchemePrefixIsStripped() throws {
        #expect(try PasswordHasher.normalizeImportedHash("{SHA512-CRYPT}" + ForeignHashes.sha512.1) == ForeignHashes.sha512.1)
        #expect(try PasswordHasher.normalizeImportedHash(" {crypt}" + ForeignHashes.md5.1 + "\n") == ForeignHashes.md5.1)
        #expect(errorMessage { _ = try PasswordHasher.normalizeImportedHash("{PLAIN}secret") }?
            .hasPrefix("invalid password hash: scheme {PLAIN} is not a crypt(3) scheme") == true)
    }

    @Test(arguments: [
        "secret",
        "$6$salt",
        "$6$salt$tooShort",
        "$6$waytoolongsaltvalue1$" + String(repeating: "a", count: 86),
        "$2b$05$short",
        "$2b$99$" + String(repeating: "a", count: 53),
        "$y$j9T$salt$short",
        "$7$whatever$hash",
        "$6$salt$" + String(repeating: "!", count: 86),
    ])
    func malformedHashesAreRefused(hash: String) {
        #expect(throws: DirectoryError.self) { try PasswordHasher.normalizeImportedHash(hash) }
    }

    @Test func hashesLibcryptCannotUseAreRefused() {
        // Well-shaped but invalid yescrypt parameters.
        #expect(throws: DirectoryError.self) {
            try PasswordHasher.normalizeImportedHash("$y$!!!$PK1/ojJth1zXevqDhe4Or/$jw.2w/mjYF4V.a1ihZEJ/JxCL/E8J11eQ/ENp4bAbo9")
        }
    }

    @Test func verifyNeverAcceptsGarbage() {
        #expect(!PasswordHasher.verify("x", against: ""))
        #expect(!PasswordHasher.verify("x", against: "*"))
        #expect(!PasswordHasher.verify("x", against: "not a hash"))
        #expect(!PasswordHasher.verify("a\u{0}b", against: ForeignHashes.sha512.1))
    }

    @Test func constantTimeComparison() {
        #expect(PasswordHasher.constantTimeEquals(Array("abc".utf8), Array("abc".utf8)))
        #expect(!PasswordHasher.constantTimeEquals(Array("abc".utf8), Array("abd".utf8)))
        #expect(!PasswordHasher.constantTimeEquals(Array("abc".utf8), Array("abcd".utf8)))
        #expect(!PasswordHasher.constantTimeEquals([], [0]))
        #expect(PasswordHasher.constantTimeEquals([], []))
    }
}
