import IMAPProtocol
import Testing
@testable import Sync

@Suite("Folder mapping")
struct FolderMapperTests {
    func entry(_ name: String, _ delimiter: String? = "/", _ attributes: [String] = []) -> IMAPClientListEntry {
        IMAPClientListEntry(attributes: attributes, delimiter: delimiter, name: name)
    }

    @Test func separatorNamespaceAndUTF7() {
        let mapper = FolderMapper(namespacePrefix: "INBOX.")
        let plans = mapper.plan([entry("INBOX", "."), entry("INBOX.Projekte.Br&APw-cke", "."), entry("INBOX.a/b", ".")])
        #expect(plans.map(\.localName) == ["INBOX", "Projekte/Brücke", "a_b"])
        #expect(plans.map(\.remoteName) == ["INBOX", "INBOX.Projekte.Br&APw-cke", "INBOX.a/b"])
    }

    @Test func specialUseByAttributeThenByName() {
        let mapper = FolderMapper(localSpecial: ["\\Sent": "Sent", "\\Trash": "Trash", "\\Drafts": "Drafts"])
        let plans = mapper.plan([
            entry("Sent Items", "/", ["\\Sent"]), entry("Gesendet"), entry("Papierkorb"), entry("Work/Drafts"),
            entry("Entwürfe"),
        ])
        let byRemote = Dictionary(uniqueKeysWithValues: plans.map { ($0.remoteName, $0) })
        #expect(byRemote["Sent Items"]?.localName == "Sent")
        #expect(byRemote["Sent Items"]?.specialUse == "\\Sent")
        // \Sent is taken by the attribute: the German name stays a plain folder.
        #expect(byRemote["Gesendet"]?.localName == "Gesendet")
        #expect(byRemote["Papierkorb"]?.localName == "Trash")
        // Nested folders are never guessed special.
        #expect(byRemote["Work/Drafts"]?.localName == "Work/Drafts")
        #expect(byRemote["Entwürfe"]?.localName == "Drafts")
    }

    @Test func noselectAndNonexistent() {
        let plans = FolderMapper().plan([entry("Parent", "/", ["\\Noselect"]), entry("Gone", "/", ["\\NonExistent"])])
        #expect(plans.count == 1)
        #expect(plans[0].selectable == false)
    }

    @Test func includeExcludePatterns() {
        let mapper = FolderMapper(includes: ["INBOX", "Work*"], excludes: ["Work/Old*"])
        let plans = mapper.plan([entry("INBOX"), entry("Work"), entry("Work/2024"), entry("Work/Old"), entry("Private")])
        #expect(plans.map(\.localName) == ["INBOX", "Work", "Work/2024"])
        #expect(FolderMapper.matches(pattern: "inbox", "INBOX"))
        #expect(FolderMapper.matches(pattern: "a?c", "abc"))
        #expect(!FolderMapper.matches(pattern: "a?c", "abbc"))
    }
}

@Suite("Message keys")
struct MessageKeyTests {
    @Test func messageIDWinsAndIsNormalised() {
        let a = MessageKey.identity(header: Array("Subject: x\r\nMessage-ID:\r\n  <a@b>\r\n\r\nbody".utf8))
        let b = MessageKey.identity(header: Array("message-id: <a@b>\r\n".utf8))
        #expect(a == "id:<a@b>")
        #expect(a == b)
    }

    @Test func digestWithoutMessageID() {
        let one = MessageKey.identity(header: Array("From: a@b\r\nSubject: hi\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\nx".utf8))
        let folded = MessageKey.identity(header: Array("Subject: hi\r\nFrom: a@b\r\nDate: Mon, 1 Jan 2024\r\n 00:00:00 +0000\r\n\r\n".utf8))
        let other = MessageKey.identity(header: Array("From: a@b\r\nSubject: ho\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\n\r\n".utf8))
        #expect(one.hasPrefix("h:"))
        #expect(one == folded)
        #expect(one != other)
        // Fields after the header end do not count.
        #expect(MessageKey.identity(header: Array("Subject: a\r\n\r\nMessage-ID: <x@y>\r\n".utf8)).hasPrefix("h:"))
    }
}
