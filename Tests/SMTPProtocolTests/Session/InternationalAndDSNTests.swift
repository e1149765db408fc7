import MailCore
import Testing
@testable import SMTPProtocol

@Suite("Session: SMTPUTF8 (RFC 6531) and DSN (RFC 3461)")
struct InternationalAndDSNTests {
    @Test func nonASCIISenderNeedsSMTPUTF8() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        #expect(client.send("MAIL FROM:<jösé@example.org>") ==
                ["550 5.6.7 Non-ASCII sender address not permitted without SMTPUTF8"])
        // A U-label domain is non-ASCII too without the extension.
        #expect(client.send("MAIL FROM:<jose@exämple.org>").codes == ["550"])
        #expect(client.sendersAsked.isEmpty)
        #expect(client.send("MAIL FROM:<jösé@exämple.org> SMTPUTF8") == ["250 2.1.0 Ok"])
        #expect(client.send("RCPT TO:<用户@例子.广告>") == ["250 2.1.5 Ok"])
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        let envelope = client.committed.first?.envelope
        #expect(envelope?.smtpUTF8 == true)
        #expect(envelope?.reversePath.mailbox?.localPart == "jösé")
        #expect(envelope?.recipients.first?.path.mailbox == EmailAddress(localPart: "用户", domain: "例子.广告"))
        #expect(envelope?.receivedProtocol == "UTF8SMTP")
    }

    @Test func nonASCIIRecipientNeedsSMTPUTF8() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org>")
        #expect(client.send("RCPT TO:<björn@example.net>") ==
                ["553 5.6.7 Non-ASCII recipient address not permitted without SMTPUTF8"])
        #expect(client.recipientsAsked.isEmpty)
        #expect(client.send("RCPT TO:<bjorn@example.net>") == ["250 2.1.5 Ok"])
    }

    @Test func binaryMIMEIsNotAccepted() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        #expect(client.send("MAIL FROM:<a@example.org> BODY=BINARYMIME") == ["555 5.5.4 BODY=BINARYMIME is not supported"])
        #expect(client.send("MAIL FROM:<a@example.org> BODY=7BIT") == ["250 2.1.0 Ok"])
    }

    @Test func dsnParametersAreKeptInTheEnvelope() {
        var client = TestClient.mx()
        client.connect()
        client.ehlo()
        client.send("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ314159+2Bx")
        #expect(client.send("RCPT TO:<b@example.net> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Bold@example.net") == ["250 2.1.5 Ok"])
        client.send("RCPT TO:<c@example.net> NOTIFY=NEVER")
        client.send("RCPT TO:<d@example.net>")
        client.send("DATA")
        client.raw("x\r\n.\r\n")
        guard let envelope = client.committed.first?.envelope else {
            Issue.record("nothing committed")
            return
        }
        #expect(envelope.dsnReturn == .headers)
        #expect(envelope.envelopeID == "QQ314159+x")
        #expect(envelope.recipients.map(\.notify) == [.on([.success, .failure]), .never, nil])
        #expect(envelope.recipients[0].originalRecipient ==
                DSNOriginalRecipient(addressType: "rfc822", address: "b+old@example.net", rawValue: "rfc822;b+2Bold@example.net"))
        #expect(envelope.recipients[1].originalRecipient == nil)
        // The server's recipient check sees them too.
        #expect(client.recipientsAsked[0].notify == .on([.success, .failure]))
    }
}
