import MailCore
import Testing

@Suite("Modified UTF-7 (RFC 3501 §5.1.3)")
struct EncodingModifiedUTF7Tests {
    @Test(arguments: [
        ("INBOX", "INBOX"),
        ("Entwürfe", "Entw&APw-rfe"),
        ("&", "&-"),
        ("台北", "&U,BTFw-"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("a😀b", "a&2D3eAA-b"),
    ])
    func roundTrips(decoded: String, encoded: String) throws {
        #expect(ModifiedUTF7.encode(decoded) == encoded)
        #expect(try ModifiedUTF7.decode(encoded) == decoded)
    }

    @Test(arguments: ["&", "&Jjo", "&AGE-", "&U,BTF2-", "a\u{e9}", "&2D3-", "&U,A-&U,A-", "&!!-"])
    func refusesMalformed(_ text: String) {
        #expect(throws: ModifiedUTF7.DecodingError.self) { try ModifiedUTF7.decode(text) }
    }
}
