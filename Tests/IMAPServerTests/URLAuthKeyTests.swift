import Foundation
import GRDB
import Testing
@testable import IMAPServer
@testable import MailStore

/// URLAUTH's INTERNAL tokens (RFC 4467 §2.4.1, §6) and the mailbox access key table.
@Suite struct URLAuthKeyTests {
    let rump = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred"

    @Test func tokensVerifyOnlyTheirRumpAndKey() {
        let key = Array(repeating: UInt8(7), count: 32)
        let token = URLAuthToken.make(rump: rump, key: key)
        // "01" names the algorithm; 64 hex digits of HMAC-SHA256 (§3: at least 32).
        #expect(token.count == 66 && token.hasPrefix("01"))
        #expect(token.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(URLAuthToken.make(rump: rump, key: key) == token)
        #expect(URLAuthToken.verify(token, rump: rump, key: key))
        #expect(URLAuthToken.verify(token.uppercased(), rump: rump, key: key))
        // §6: nothing but removing ":mech:token" makes the rump — case and escapes count.
        #expect(!URLAuthToken.verify(token, rump: rump.replacingOccurrences(of: "joe", with: "Joe"), key: key))
        #expect(!URLAuthToken.verify(token, rump: rump.replacingOccurrences(of: "fred", with: "fre%64"), key: key))
        #expect(!URLAuthToken.verify(token, rump: rump, key: Array(repeating: 8, count: 32)))
        #expect(!URLAuthToken.verify(String(token.dropLast()), rump: rump, key: key))
        #expect(URLAuthToken.plausibleKey() != URLAuthToken.plausibleKey())
    }

    @Test func keysArePerUserAndMailboxAndReset() throws {
        let keys = try SQLiteMailboxAccessKeyStore(database: try DatabaseQueue())
        #expect(try keys.existingKey(owner: "joe", mailboxID: 1) == nil)
        let first = try keys.key(owner: "joe", mailboxID: 1)
        #expect(first.count == 32)
        #expect(try keys.key(owner: "joe", mailboxID: 1) == first)
        #expect(try keys.existingKey(owner: "joe", mailboxID: 1) == first)
        // RFC 5092 §6.1.1.2: per user and per mailbox.
        #expect(try keys.key(owner: "ann", mailboxID: 1) != first)
        #expect(try keys.key(owner: "joe", mailboxID: 2) != first)
        // RESETKEY mailbox: a new key; RESETKEY: all of the user's keys go.
        try keys.resetKey(owner: "joe", mailboxID: 1)
        let second = try #require(try keys.existingKey(owner: "joe", mailboxID: 1))
        #expect(second != first)
        try keys.removeKeys(owner: "joe")
        #expect(try keys.existingKey(owner: "joe", mailboxID: 1) == nil)
        #expect(try keys.existingKey(owner: "joe", mailboxID: 2) == nil)
        #expect(try keys.existingKey(owner: "ann", mailboxID: 1) != nil)
        // A second store on the same database keeps the table (own migrator).
        _ = try SQLiteMailboxAccessKeyStore(database: keys.database)
    }
}
