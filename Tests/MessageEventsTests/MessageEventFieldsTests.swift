import Foundation
import MessageEvents
import Testing

@Suite struct MessageEventFieldsTests {
    func event(_ text: String, qid: String? = "3F2A9C1B7D0E") -> MessageEvent {
        MessageEvent(date: Date(), time: "t", component: "postino/test", queueID: qid, text: text)
    }

    @Test func receiptWithClientTLSAndUser() {
        let e = event("client=unknown[192.0.2.7], tls=TLSv1.3, sasl_username=alice")
        #expect(e.kind == .received)
        #expect(e.fields.client == "unknown[192.0.2.7]")
        #expect(e.fields.tls == "TLSv1.3")
        #expect(e.fields.authUser == "alice")
        let from = event("from=<x@remote.test>, size=1234, nrcpt=2 (queue active)")
        #expect(from.kind == .received && from.fields.sender == "x@remote.test" && from.fields.size == 1234)
    }

    @Test func deliveryAttemptsWithTheRemoteReply() {
        let sent = event("to=<bob@example.com>, relay=mx.example.com[192.0.2.9]:25, delay=0.31, status=sent (250 2.0.0 Ok: queued as 12345)")
        #expect(sent.kind == .delivery)
        #expect(sent.fields.recipient == "bob@example.com")
        #expect(sent.fields.relay == "mx.example.com[192.0.2.9]:25")
        #expect(sent.fields.status == "sent")
        #expect(sent.fields.reply == "250 2.0.0 Ok: queued as 12345")
        #expect(sent.fields.delay == 0.31)
        // "queued as 12345" is the remote server's ID, not one of ours.
        #expect(sent.fields.child == nil)
        let deferred = event("to=<c@d.test>, relay=none, delay=1, status=deferred (connect refused)")
        #expect(deferred.kind == .delivery && deferred.fields.status == "deferred")
        let bounced = event("to=<c@d.test>, relay=local, delay=1, status=bounced (550 5.1.1 no such user)")
        #expect(bounced.kind == .bounce && bounced.fields.reply == "550 5.1.1 no such user")
    }

    @Test func otherKinds() {
        let id = event("message-id=<a.1@x.test>")
        #expect(id.kind == .messageID && id.fields.messageID == "a.1@x.test")
        #expect(event("filter: action=accept score=0.0 symbols=").kind == .verdict)
        #expect(event("filter: action=accept score=0.0").fields.action == "accept")
        #expect(event("removed").kind == .removal)
        #expect(event("removed by admin").kind == .removal)
        #expect(event("DKIM-signed <a@b> for example.com (s1)").kind == .rewrite)
        let refused = event("reject: END-OF-MESSAGE from unknown[127.0.0.1]: 552 5.3.4 Message too big; from=<a@b.test>")
        #expect(refused.kind == .refusal && refused.fields.sender == "a@b.test")
        let notice = event("sender non-delivery notification: 0A1B2C3D4E5F")
        #expect(notice.kind == .bounce && notice.fields.child == "0A1B2C3D4E5F")
        #expect(MessageEvent.isRecorded(queueID: nil, text: "reject: RCPT from unknown[127.0.0.1]: 550 …"))
        #expect(!MessageEvent.isRecorded(queueID: nil, text: "connect from unknown[127.0.0.1]"))
    }

    @Test func keysMustStartAField() {
        // "reply_to=<…>" is not "to=<…>".
        let e = event("warning: header reply_to=<x@y.test> ignored; to=<z@y.test>")
        #expect(e.fields.recipient == "z@y.test")
    }
}
