import Testing
import MailCore

@Suite("Punycode (RFC 3492)")
struct AddressPunycodeTests {
    // Samples from RFC 3492 §7.1 and common IDN examples.
    static let vectors: [(String, String)] = [
        ("\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}",
         "egbpdaj6bu4bxfgehfvwxn"),                                   // (A) Arabic
        ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}",
         "ihqwcrb4cv8a8dqg056pqjye"),                                 // (B) Chinese
        ("3\u{5E74}B\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}", "3B-ww4c5e180e575a65lsy2b"),       // (L)
        ("\u{5B89}\u{5BA4}\u{5948}\u{7F8E}\u{6075}-with-SUPER-MONKEYS",
         "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),                 // (M)
        ("-> $1.00 <-", "-> $1.00 <--"),                               // (S) all basic
        ("bücher", "bcher-kva"),
        ("münchen", "mnchen-3ya"),
        ("ñ", "ida"),
        ("日本語", "wgv71a119e"),
        ("пример", "e1afmkfd"),
        ("😀", "e28h"),
        ("", ""),
    ]

    @Test("Encodes the reference samples")
    func encode() {
        for (unicode, encoded) in Self.vectors {
            #expect(Punycode.encode(unicode) == encoded, "\(unicode)")
        }
    }

    @Test("Decodes the reference samples")
    func decode() {
        for (unicode, encoded) in Self.vectors {
            #expect(Punycode.decode(encoded) == unicode, "\(encoded)")
        }
        // Digits are case-insensitive; basic code points are kept as they are.
        #expect(Punycode.decode("BCHER-KVA") == "BüCHER")
    }

    @Test("Rejects invalid Punycode")
    func invalid() {
        #expect(Punycode.decode("bcher-kv!") == nil)   // not a digit
        #expect(Punycode.decode("bcher-k") == nil)     // truncated integer
        #expect(Punycode.decode("ü") == nil)           // non-ASCII input
        #expect(Punycode.decode("99999999999999999") == nil)  // overflow / beyond U+10FFFF
    }

    @Test("Round-trips arbitrary labels")
    func roundTrip() {
        for label in ["a", "ab-cd", "élève", "ÀÁÂÃÄÅ", "mixed-ascii-и-кириллица", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "한국어"] {
            let encoded = Punycode.encode(label)
            #expect(encoded != nil)
            #expect(encoded.flatMap(Punycode.decode) == label)
        }
    }
}

