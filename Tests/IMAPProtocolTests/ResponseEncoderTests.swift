import Testing
@testable import IMAPProtocol

@Suite struct ResponseEncoderTests {
    @Test func taggedResponsesWithCodes() {
        #expect(encode(.tagged("a1", .ok, code: nil, text: "NOOP completed")) == "a1 OK NOOP completed\r\n")
        #expect(encode(.tagged("A142", .ok, code: .readWrite, text: "SELECT completed")) == "A142 OK [READ-WRITE] SELECT completed\r\n")
        #expect(encode(.tagged("a", .no, code: .tryCreate, text: "No such mailbox")) == "a NO [TRYCREATE] No such mailbox\r\n")
        #expect(encode(.tagged("a", .bad, code: nil, text: "")) == "a BAD completed\r\n")
        #expect(encode(.tagged("a", .no, code: .badCharset(["UTF-8", "US-ASCII"]), text: "x")) == "a NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n")
        #expect(encode(.tagged("a", .ok, code: .appendUID(uidValidity: 38505, uids: IMAPSequenceSet(compacting: [3955])), text: "APPEND completed"))
                == "a OK [APPENDUID 38505 3955] APPEND completed\r\n")
        #expect(encode(.tagged("a", .ok, code: .copyUID(uidValidity: 38505, source: IMAPSequenceSet(compacting: [304, 319, 320, 321]),
                                                        destination: IMAPSequenceSet(compacting: [3956, 3957, 3958, 3959])), text: "Done"))
                == "a OK [COPYUID 38505 304,319:321 3956:3959] Done\r\n")
        #expect(encode(.tagged("a", .ok, code: .modified(IMAPNumberSet([7, 9, 10])), text: "Conditional STORE failed"))
                == "a OK [MODIFIED 7,9:10] Conditional STORE failed\r\n")
        #expect(encode(.tagged("a", .no, code: .unknownCTE, text: "x")) == "a NO [UNKNOWN-CTE] x\r\n")
        #expect(encode(.tagged("a", .no, code: .other("X-WEIRD]", "te]xt"), text: "x")) == "a NO [X-WEIRD text] x\r\n")
    }

    /// Found by the `imap-client` fuzz target: text ending in "{2}" made the line announce
    /// a literal, and a client waited for two octets that never came.
    @Test func textNeverEndsLikeALiteral() {
        #expect(encode(.untagged(.condition(.ok, code: nil, text: "Sent Items {2}"))) == "* OK Sent Items {2}.\r\n")
        #expect(encode(.tagged("a", .no, code: nil, text: "x {12+}")) == "a NO x {12+}.\r\n")
        #expect(encode(.continuation("{5}")) == "+ {5}.\r\n")
        #expect(encode(.tagged("a", .ok, code: nil, text: "set {} and {x}")) == "a OK set {} and {x}\r\n")
    }

    @Test func everyNamedCodeHasItsAtom() {
        let codes: [(IMAPResponseCode, String)] = [
            (.alert, "ALERT"), (.parse, "PARSE"), (.readOnly, "READ-ONLY"), (.uidNext(4392), "UIDNEXT 4392"),
            (.uidValidity(3857529045), "UIDVALIDITY 3857529045"), (.unseen(12), "UNSEEN 12"), (.uidNotSticky, "UIDNOTSTICKY"),
            (.highestModSeq(715194045007), "HIGHESTMODSEQ 715194045007"), (.noModSeq, "NOMODSEQ"), (.closed, "CLOSED"),
            (.tooBig, "TOOBIG"), (.overQuota, "OVERQUOTA"), (.limit, "LIMIT"), (.nonexistent, "NONEXISTENT"),
            (.alreadyExists, "ALREADYEXISTS"), (.noPerm, "NOPERM"), (.inUse, "INUSE"), (.cannot, "CANNOT"),
            (.serverBug, "SERVERBUG"), (.clientBug, "CLIENTBUG"), (.authenticationFailed, "AUTHENTICATIONFAILED"),
            (.authorizationFailed, "AUTHORIZATIONFAILED"), (.expired, "EXPIRED"), (.privacyRequired, "PRIVACYREQUIRED"),
            (.contactAdmin, "CONTACTADMIN"), (.unavailable, "UNAVAILABLE"), (.expungeIssued, "EXPUNGEISSUED"),
            (.corruption, "CORRUPTION"), (.hasChildren, "HASCHILDREN"), (.useAttribute, "USEATTR"),
            (.capability(["IMAP4rev1", "IDLE"]), "CAPABILITY IMAP4rev1 IDLE"),
        ]
        for (code, atom) in codes {
            #expect(encode(.tagged("t", .no, code: code, text: "x")) == "t NO [\(atom)] x\r\n")
        }
    }

    @Test func permanentFlags() {
        #expect(encode(.untagged(.condition(.ok, code: .permanentFlags([.deleted, .seen], allowsNewKeywords: true), text: "Limited")))
                == "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n")
        #expect(encode(.untagged(.condition(.ok, code: .permanentFlags([], allowsNewKeywords: true), text: "x")))
                == "* OK [PERMANENTFLAGS (\\*)] x\r\n")
        #expect(encode(.untagged(.condition(.ok, code: .permanentFlags([], allowsNewKeywords: false), text: "x")))
                == "* OK [PERMANENTFLAGS ()] x\r\n")
    }

    @Test func conditionsAndGreetings() {
        #expect(encode(.untagged(.condition(.preauth, code: nil, text: "IMAP4rev1 server logged in as Smith"))) == "* PREAUTH IMAP4rev1 server logged in as Smith\r\n")
        #expect(encode(.untagged(.condition(.bye, code: nil, text: "Autologout; idle for too long"))) == "* BYE Autologout; idle for too long\r\n")
        #expect(encode(.untagged(.condition(.ok, code: .alert, text: "line\r\nbreak"))) == "* OK [ALERT] line  break\r\n")
        #expect(encode(.continuation("Ready for literal data")) == "+ Ready for literal data\r\n")
        #expect(encode(.continuationData([])) == "+ \r\n")
        #expect(encode(.continuationData(Array("Username:".utf8))) == "+ VXNlcm5hbWU6\r\n")
    }

    @Test func mailboxData() {
        #expect(encode(.untagged(.capability(["IMAP4rev1", "STARTTLS", "AUTH=PLAIN"]))) == "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN\r\n")
        #expect(encode(.untagged(.exists(172))) == "* 172 EXISTS\r\n")
        #expect(encode(.untagged(.recent(1))) == "* 1 RECENT\r\n")
        #expect(encode(.untagged(.expunge(44))) == "* 44 EXPUNGE\r\n")
        #expect(encode(.untagged(.flags([.answered, .flagged, .deleted, .seen, .draft]))) == "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n")
        #expect(encode(.untagged(.flags([IMAPFlag("bad flag"), .seen]))) == "* FLAGS (\\Seen)\r\n")
        #expect(encode(.untagged(.search([2, 3, 6], modSeq: nil))) == "* SEARCH 2 3 6\r\n")
        #expect(encode(.untagged(.search([], modSeq: 5))) == "* SEARCH\r\n")
        #expect(encode(.untagged(.search([2, 5, 6, 7, 11, 12, 18, 19, 20, 23], modSeq: 917162500)))
                == "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n")
        #expect(encode(.untagged(.sort([5, 3, 4, 1, 2], modSeq: nil))) == "* SORT 5 3 4 1 2\r\n")
        #expect(encode(.untagged(.vanished(IMAPNumberSet([300, 301, 302, 405]), earlier: true))) == "* VANISHED (EARLIER) 300:302,405\r\n")
        #expect(encode(.untagged(.vanished(IMAPNumberSet([405]), earlier: false))) == "* VANISHED 405\r\n")
        #expect(encode(.untagged(.enabled(["CONDSTORE"]))) == "* ENABLED CONDSTORE\r\n")
        #expect(encode(.untagged(.enabled([]))) == "* ENABLED\r\n")
    }

    @Test func listAndStatus() {
        #expect(encode(.untagged(.list(IMAPListItem(attributes: ["\\HasNoChildren"], name: .inbox)))) == "* LIST (\\HasNoChildren) \"/\" \"INBOX\"\r\n")
        #expect(encode(.untagged(.list(IMAPListItem(attributes: ["\\Noselect"], delimiter: nil, name: IMAPMailboxName(encoded: "")))))
                == "* LIST (\\Noselect) NIL \"\"\r\n")
        #expect(encode(.untagged(.list(IMAPListItem(attributes: [], name: IMAPMailboxName(encoded: "Foo"), childInfo: ["SUBSCRIBED"]))))
                == "* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")
        #expect(encode(.untagged(.list(IMAPListItem(attributes: [], name: IMAPMailboxName(encoded: "New"), oldName: IMAPMailboxName(encoded: "Old")))))
                == "* LIST () \"/\" \"New\" (\"OLDNAME\" (\"Old\"))\r\n")
        #expect(encode(.untagged(.lsub(IMAPListItem(attributes: [], name: IMAPMailboxName(encoded: "a \"q\" b")))))
                == "* LSUB () \"/\" \"a \\\"q\\\" b\"\r\n")
        #expect(encode(.untagged(.status(IMAPMailboxName(encoded: "blurdybloop"), [IMAPStatusValue(.messages, 231), IMAPStatusValue(.uidNext, 44292)]))) ==
                "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292)\r\n")
        #expect(encode(.untagged(.status(.inbox, [IMAPStatusValue(.appendLimit, nil)]))) == "* STATUS \"INBOX\" (APPENDLIMIT NIL)\r\n")
    }

    @Test func esearch() {
        #expect(encode(.untagged(.esearch(IMAPESearchResponse(tag: "A285", byUID: true, min: 7, max: 3800))))
                == "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n")
        let all = IMAPESearchResponse(tag: "A284", byUID: false, options: [.all, .count], matches: [2, 10, 11])
        #expect(encode(.untagged(.esearch(all))) == "* ESEARCH (TAG \"A284\") ALL 2,10:11 COUNT 3\r\n")
        let none = IMAPESearchResponse(tag: "A", byUID: false, options: [.min, .max, .all, .count], matches: [])
        #expect(encode(.untagged(.esearch(none))) == "* ESEARCH (TAG \"A\") COUNT 0\r\n")
    }

    @Test func namespaceIDACLQuota() {
        #expect(encode(.untagged(.namespace(IMAPNamespaceResponse(personal: [IMAPNamespace(prefix: "")]))))
                == "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n")
        #expect(encode(.untagged(.namespace(IMAPNamespaceResponse(personal: [IMAPNamespace(prefix: "")], otherUsers: [IMAPNamespace(prefix: "~")],
                                                                   shared: [IMAPNamespace(prefix: "#shared/"), IMAPNamespace(prefix: "#public/")]))))
                == "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\"))\r\n")
        #expect(encode(.untagged(.id([IMAPIDField("name", "Postino"), IMAPIDField("support-url", nil)])))
                == "* ID (\"name\" \"Postino\" \"support-url\" NIL)\r\n")
        #expect(encode(.untagged(.id(nil))) == "* ID NIL\r\n")
        #expect(encode(.untagged(.acl(.inbox, [IMAPACLEntry(identifier: "Fred", rights: "rwipslxetad"), IMAPACLEntry(identifier: "-Fred", rights: "")])))
                == "* ACL \"INBOX\" Fred rwipslxetad -Fred \"\"\r\n")
        #expect(encode(.untagged(.listRights(IMAPMailboxName(encoded: "~/Mail/saved"), identifier: "smith", required: "la", optional: ["r", "swicdkxte"])))
                == "* LISTRIGHTS \"~/Mail/saved\" smith la r swicdkxte\r\n")
        #expect(encode(.untagged(.myRights(.inbox, rights: "rwiptsldaex"))) == "* MYRIGHTS \"INBOX\" rwiptsldaex\r\n")
        #expect(encode(.untagged(.quota(root: "", [IMAPQuotaResource(name: "STORAGE", usage: 10, limit: 512)])))
                == "* QUOTA \"\" (STORAGE 10 512)\r\n")
        #expect(encode(.untagged(.quotaRoot(.inbox, roots: [""]))) == "* QUOTAROOT \"INBOX\" \"\"\r\n")
    }

    @Test func stringsChooseAtomQuotedOrLiteral() {
        var out = IMAPOutput()
        out.writeAString("abc")
        out.write(" ")
        out.writeAString("NIL")
        out.write(" ")
        out.writeAString("a b")
        out.write(" ")
        out.writeAString("")
        out.write(" ")
        out.writeString("café")
        out.write(" ")
        out.writeString("a\r\nb")
        out.write(" ")
        out.writeNString(nil as String?)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "abc \"NIL\" \"a b\" \"\" {5}\r\ncafé {4}\r\na\r\nb NIL")
    }

    @Test func fetchItems() {
        let date = IMAPDateTime(year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zoneOffsetMinutes: -420)!
        let response = IMAPResponse.untagged(.fetch(12, [.uid(4827313), .flags([.seen]), .internalDate(date), .rfc822Size(44827), .modSeq(624140003)]))
        #expect(encode(response) == "* 12 FETCH (UID 4827313 FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 44827 MODSEQ (624140003))\r\n")
        let early = IMAPDateTime(year: 2024, month: 3, day: 5, hour: 0, minute: 0, second: 0, zoneOffsetMinutes: 90)!
        #expect(encode(.untagged(.fetch(1, [.internalDate(early)]))) == "* 1 FETCH (INTERNALDATE \" 5-Mar-2024 00:00:00 +0130\")\r\n")

        let header = bytes("Subject: x\r\n\r\n")[...]
        #expect(encode(.untagged(.fetch(1, [.bodySection(IMAPSection(text: .headerFields(["SUBJECT", "X Y"])), origin: nil, data: header)])))
                == "* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT \"X Y\")] {14}\r\nSubject: x\r\n\r\n)\r\n")
        #expect(encode(.untagged(.fetch(1, [.bodySection(IMAPSection(part: [1, 2], text: .mime), origin: 0, data: bytes("abc")[...])])))
                == "* 1 FETCH (BODY[1.2.MIME]<0> {3}\r\nabc)\r\n")
        #expect(encode(.untagged(.fetch(1, [.bodySection(IMAPSection(part: [9]), origin: nil, data: nil)]))) == "* 1 FETCH (BODY[9] NIL)\r\n")
        #expect(encode(.untagged(.fetch(1, [.binary(part: [1], origin: nil, data: [0x61, 0, 0x62][...]), .binary(part: [2], origin: 4, data: bytes("ok")[...]), .binarySize(part: [1], 3)])))
                == "* 1 FETCH (BINARY[1] ~{3}\r\na\0b BINARY[2]<4> {2}\r\nok BINARY.SIZE[1] 3)\r\n")
        #expect(encode(.untagged(.fetch(1, [.rfc822(bytes("x")[...]), .rfc822Header(bytes("y")[...]), .rfc822Text(nil)])))
                == "* 1 FETCH (RFC822 {1}\r\nx RFC822.HEADER {1}\r\ny RFC822.TEXT NIL)\r\n")
        #expect(encode(.untagged(.fetch(1, [.preEncoded(name: "ENVELOPE", value: bytes("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"))])))
                == "* 1 FETCH (ENVELOPE (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n")
    }

    @Test func largeSectionDataIsReferencedNotCopied() {
        let message = [UInt8](repeating: 0x41, count: 100_000)
        let out = IMAPResponseEncoder.encodeChunks(.untagged(.fetch(3, [.uid(9), .bodySection(.whole, origin: nil, data: message[...])])))
        #expect(out.chunks.count == 3)
        #expect(out.chunks[1].count == 100_000)
        #expect(String(decoding: out.chunks[0], as: UTF8.self) == "* 3 FETCH (UID 9 BODY[] {100000}\r\n")
        #expect(String(decoding: out.chunks[2], as: UTF8.self) == ")\r\n")
        #expect(out.byteCount == out.bytes.count)
    }

    @Test func envelopeAndBodyStructureValues() {
        let envelope = IMAPEnvelope(
            date: bytes("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"), subject: bytes("IMAP4rev1 WG mtg summary and minutes"),
            from: [IMAPAddress(name: bytes("Terry Gray"), mailbox: bytes("gray"), host: bytes("cac.washington.edu"))],
            sender: [IMAPAddress(name: bytes("Terry Gray"), mailbox: bytes("gray"), host: bytes("cac.washington.edu"))],
            replyTo: [IMAPAddress(name: bytes("Terry Gray"), mailbox: bytes("gray"), host: bytes("cac.washington.edu"))],
            to: [IMAPAddress(name: nil, mailbox: bytes("imap"), host: bytes("cac.washington.edu"))],
            cc: [IMAPAddress(name: nil, mailbox: bytes("minutes"), host: bytes("CNRI.Reston.VA.US")),
                 IMAPAddress(name: bytes("John Klensin"), mailbox: bytes("KLENSIN"), host: bytes("MIT.EDU"))],
            messageID: bytes("<B27397-0100000@cac.washington.edu>"))
        // RFC 3501 §8 example.
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .envelope(envelope)), as: UTF8.self)
                == "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\")")
        let text = IMAPBodyStructure.singlePart(IMAPSinglePart(type: "TEXT", subtype: "PLAIN", parameters: [IMAPBodyParameter("CHARSET", "US-ASCII")],
                                                               contentID: nil, contentDescription: nil, encoding: "7BIT", size: 3028, kind: .text(lines: 92)))
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .body(text)), as: UTF8.self)
                == "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)")
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .bodyStructure(text)), as: UTF8.self)
                == "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)")
        let attachment = IMAPBodyStructure.singlePart(IMAPSinglePart(
            type: "APPLICATION", subtype: "PDF", parameters: [], contentID: bytes("<x@y>"), contentDescription: nil, encoding: "BASE64", size: 10,
            kind: .basic, md5: nil,
            extensionData: IMAPBodyExtension(disposition: IMAPBodyDisposition(type: "ATTACHMENT", parameters: [IMAPBodyParameter("FILENAME", "a.pdf")]),
                                             language: ["en", "fr"], location: bytes("http://x/a.pdf"))))
        let multipart = IMAPBodyStructure.multipart(IMAPMultipart(parts: [text, attachment], subtype: "MIXED", parameters: [IMAPBodyParameter("BOUNDARY", "b")]))
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .bodyStructure(multipart)), as: UTF8.self)
                == "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)(\"APPLICATION\" \"PDF\" NIL \"<x@y>\" NIL \"BASE64\" 10 NIL (\"ATTACHMENT\" (\"FILENAME\" \"a.pdf\")) (\"en\" \"fr\") \"http://x/a.pdf\") \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL)")
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .body(multipart)), as: UTF8.self)
                == "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)(\"APPLICATION\" \"PDF\" NIL \"<x@y>\" NIL \"BASE64\" 10) \"MIXED\")")
    }

    @Test func groupAddresses() {
        let envelope = IMAPEnvelope(to: [.groupStart("undisclosed-recipients"), .groupEnd])
        #expect(String(decoding: IMAPResponseEncoder.encodedValue(of: .envelope(envelope)), as: UTF8.self)
                == "(NIL NIL NIL NIL NIL ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL)")
    }
}
