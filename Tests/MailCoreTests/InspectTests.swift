import Foundation
import Testing
@testable import MailCore

@Suite struct InspectTests {
    static let sample = """
        From: Alice <alice@example.org>
        To: bob@example.org, "Carol" <carol@example.net>
        Cc: dave@example.com
        Subject: =?utf-8?q?R=C3=A9sum=C3=A9?= / report
        Date:  Mon, 1 Jan 2024 10:00:00 +0000
        Message-ID: <abc@example.org>
        Content-Type: multipart/mixed; boundary=b

        --b
        Content-Type: text/plain; charset=UTF-8
        Content-Transfer-Encoding: quoted-printable

        caf=C3=A9
        --b
        Content-Type: application/octet-stream; name=data.bin
        Content-Disposition: ATTACHMENT; filename*=utf-8''d%C3%A9j%C3%A0.bin
        Content-Transfer-Encoding: base64

        AAECAw==
        --b
        Content-Type: message/rfc822

        Subject: inner

        hello
        --b--

        """

    @Test func describesHeadersAndParts() throws {
        let object = MessageInspector.inspect(Array(Self.sample.utf8))
        #expect(object["subject"] as? String == "Résumé / report")
        #expect(object["from"] as? [String] == ["alice@example.org"])
        #expect(object["to"] as? [String] == ["bob@example.org", "carol@example.net"])
        #expect(object["cc"] as? [String] == ["dave@example.com"])
        #expect(object["date"] as? String == "Mon, 1 Jan 2024 10:00:00 +0000")
        #expect(object["message_id"] as? String == "<abc@example.org>")
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.map { $0["path"] as? String } == ["", "1", "2", "3", "3"])
        #expect(parts.map { $0["content_type"] as? String } == ["multipart/mixed", "text/plain", "application/octet-stream",
                                                                "message/rfc822", "text/plain"])
        #expect(parts[1]["charset"] as? String == "utf-8")
        #expect(parts[1]["encoding"] as? String == "quoted-printable")
        #expect(parts[1]["size"] as? Int == 5)
        #expect(parts[2]["disposition"] as? String == "attachment")
        #expect(parts[2]["filename"] as? String == "déjà.bin")
        #expect(parts[2]["size"] as? Int == 4)
        #expect(parts[0]["charset"] is NSNull)
        #expect(parts[0]["filename"] is NSNull)
        #expect(parts[4]["size"] as? Int == 5)
    }

    @Test func jsonIsOneSortedLine() throws {
        let json = MessageInspector.jsonString(Array("Subject: a/b\n\nx".utf8), file: "dir/m.eml")
        #expect(!json.contains("\n"))
        #expect(json.hasPrefix("{\"cc\":[],\"date\":null,\"file\":\"dir/m.eml\",\"from\":[],\"message_id\":null,\"parts\":["))
        #expect(json.contains("\"subject\":\"a/b\""))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["file"] as? String == "dir/m.eml")
    }

    @Test func emptyInputIsStillAMessage() throws {
        let object = MessageInspector.inspect([])
        #expect(object["subject"] is NSNull)
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.count == 1)
        #expect(parts[0]["content_type"] as? String == "text/plain")
        #expect(parts[0]["size"] as? Int == 0)
    }
}
