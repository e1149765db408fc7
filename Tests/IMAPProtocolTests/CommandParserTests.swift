import Testing
@testable import IMAPProtocol
import MailCore

@Suite struct CommandParserTests {
    @Test func simpleCommands() throws {
        #expect(try parse("a1 CAPABILITY") == IMAPCommand(tag: "a1", kind: .capability))
        #expect(try parse("a2 noop").kind == .noop)
        #expect(try parse("A3 Logout").kind == .logout)
        #expect(try parse("t STARTTLS").kind == .startTLS)
        #expect(try parse("t NAMESPACE").kind == .namespace)
        #expect(try parse("t CHECK").kind == .check)
        #expect(try parse("t CLOSE").kind == .close)
        #expect(try parse("t UNSELECT").kind == .unselect)
        #expect(try parse("t EXPUNGE").kind == .expunge)
        #expect(try parse("t IDLE").kind == .idle)
        #expect(try parse("t NOOP  ").kind == .noop)
    }

    @Test func login() throws {
        #expect(try parse("a LOGIN fred \"pass word\"").kind == .login(username: "fred", password: "pass word"))
        #expect(try parse("a LOGIN {4}\r\nfr\"d {3}\r\n\\\\x").kind == .login(username: "fr\"d", password: "\\\\x"))
        #expect(try parse("a LOGIN \"a\\\"b\" \"c\\\\d\"").kind == .login(username: "a\"b", password: "c\\d"))
    }

    @Test func authenticateWithAndWithoutInitialResponse() throws {
        #expect(try parse("a AUTHENTICATE plain").kind == .authenticate(mechanism: "PLAIN", initialResponse: nil))
        #expect(try parse("a AUTHENTICATE PLAIN =").kind == .authenticate(mechanism: "PLAIN", initialResponse: []))
        #expect(try parse("a AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0").kind
                == .authenticate(mechanism: "PLAIN", initialResponse: Array("\0fred\0secret".utf8)))
        #expect(parseError("a AUTHENTICATE PLAIN AGZy*ZWQ")?.message == "the initial response is not valid base64")
        #expect(parseError("a AUTHENTICATE PLAIN AGZyZ")?.tag == "a")
    }

    @Test func selectWithCondStoreAndQResync() throws {
        #expect(try parse("a SELECT inbox").kind == .select(.inbox, IMAPSelectParameters()))
        #expect(try parse("a EXAMINE \"Archive/2024\" (CONDSTORE)").kind
                == .examine(IMAPMailboxName(encoded: "Archive/2024"), IMAPSelectParameters(condStore: true)))
        let q = try parse("A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))")
        #expect(q.kind == .select(.inbox, IMAPSelectParameters(qResync: IMAPQResyncParameters(
            uidValidity: 67_890_007, modSeq: 20_050_715_194_045_000, knownUIDs: IMAPSequenceSet.parse(bytes("41,43:211,214:541"))))))
        let full = try parse("B01 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))")
        guard case .select(_, let p) = full.kind else {
            Issue.record("not a select")
            return
        }
        #expect(p.qResync?.sequenceMatch?.sequenceNumbers.description == "5000,7500,9000,9990:9999")
        #expect(parseError("a SELECT INBOX (FOO)")?.message == "unknown SELECT parameter FOO")
        #expect(parseError("a SELECT INBOX (QRESYNC (0 1))") != nil)
    }

    @Test func inboxIsCaseInsensitive() throws {
        #expect(try parse("a SELECT iNbOx").kind == .select(.inbox, IMAPSelectParameters()))
        #expect(try parse("a DELETE \"inbox/Sub\"").kind == .delete(IMAPMailboxName(encoded: "INBOX/Sub")))
        #expect(try parse("a DELETE inboxes").kind == .delete(IMAPMailboxName(encoded: "inboxes")))
    }

    @Test func mailboxManagement() throws {
        #expect(try parse("a CREATE Projects/2025").kind == .create(IMAPMailboxName(encoded: "Projects/2025"), specialUse: []))
        #expect(try parse("a CREATE Sent (USE (\\Sent))").kind == .create(IMAPMailboxName(encoded: "Sent"), specialUse: ["\\Sent"]))
        #expect(try parse("a CREATE x (USE (\\Archive \\Junk))").kind == .create(IMAPMailboxName(encoded: "x"), specialUse: ["\\Archive", "\\Junk"]))
        #expect(try parse("a RENAME old \"new name\"").kind
                == .rename(from: IMAPMailboxName(encoded: "old"), to: IMAPMailboxName(encoded: "new name")))
        #expect(try parse("a SUBSCRIBE &AMk-t&AOk-").kind == .subscribe(IMAPMailboxName(encoded: "&AMk-t&AOk-")))
        #expect(try parse("a UNSUBSCRIBE x").kind == .unsubscribe(IMAPMailboxName(encoded: "x")))
        #expect(parseError("a CREATE x (USE (Sent))")?.message == "a special-use attribute starts with \\")
        #expect(parseError("a RENAME onlyone")?.message == "missing arguments")
    }

    @Test func plainListAndLSub() throws {
        #expect(try parse("a LIST \"\" *").kind == .list(IMAPListCommand(reference: "", patterns: ["*"])))
        #expect(try parse("a LIST \"\" \"\"").kind == .list(IMAPListCommand(reference: "", patterns: [""])))
        #expect(try parse("a LIST ~/Mail/ %]").kind == .list(IMAPListCommand(reference: "~/Mail/", patterns: ["%]"])))
        #expect(try parse("a LSUB \"#news.\" \"comp.mail.*\"").kind == .lsub(reference: "#news.", pattern: "comp.mail.*"))
    }

    @Test func extendedList() throws {
        let command = try parse("A02 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (\"%\" \"Other/*\") RETURN (CHILDREN STATUS (MESSAGES UNSEEN) SPECIAL-USE)")
        guard case .list(let list) = command.kind else {
            Issue.record("not a list")
            return
        }
        #expect(list.selectionOptions == [.subscribed, .recursiveMatch])
        #expect(list.patterns == ["%", "Other/*"])
        #expect(list.returnOptions == IMAPListReturnOptions(children: true, specialUse: true, status: [.messages, .unseen]))
        #expect(list.isExtended)
        #expect(try parse("a LIST \"\" * RETURN ()").kind == .list(IMAPListCommand(reference: "", patterns: ["*"], isExtended: true)))
        #expect(parseError("a LIST (RECURSIVEMATCH) \"\" *")?.message == "RECURSIVEMATCH needs another selection option")
        #expect(parseError("a LIST (BOGUS) \"\" *")?.message == "unknown LIST selection option BOGUS")
        #expect(parseError("a LIST \"\" * RETURN (NOPE)")?.message == "unknown LIST return option NOPE")
        #expect(parseError("a LIST \"\" * EXTRA")?.message == "expected RETURN")
    }

    @Test func status() throws {
        #expect(try parse("a STATUS blurdybloop (UIDNEXT MESSAGES)").kind
                == .status(IMAPMailboxName(encoded: "blurdybloop"), [.uidNext, .messages]))
        #expect(try parse("a STATUS INBOX (HIGHESTMODSEQ SIZE APPENDLIMIT DELETED UNSEEN RECENT UIDVALIDITY)").kind
                == .status(.inbox, [.highestModSeq, .size, .appendLimit, .deleted, .unseen, .recent, .uidValidity]))
        #expect(parseError("a STATUS INBOX ()")?.message == "empty list")
        #expect(parseError("a STATUS INBOX (FOO)")?.message == "unknown STATUS item FOO")
    }

    @Test func append() throws {
        let message = "Subject: hi\r\n\r\nbody\r\n"
        let command = try parse("A003 APPEND saved-messages (\\Seen $Forwarded) \"17-Jul-1996 02:44:25 -0700\" {\(message.utf8.count)}\r\n\(message)")
        guard case .append(let append) = command.kind else {
            Issue.record("not an append")
            return
        }
        #expect(append.mailbox == IMAPMailboxName(encoded: "saved-messages"))
        #expect(append.flags == [.seen, IMAPFlag("$Forwarded")])
        #expect(append.internalDate == IMAPDateTime(year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zoneOffsetMinutes: -420))
        #expect(Array(append.message) == bytes(message))
        #expect(!append.isBinary)

        let binary = try parse("a APPEND INBOX ~{3+}\r\na\0b")
        guard case .append(let b) = binary.kind else { return }
        #expect(b.isBinary)
        #expect(Array(b.message) == [0x61, 0, 0x62])
        #expect(try parse("a APPEND INBOX \" 7-Jul-1996 02:44:25 +0000\" {1+}\r\nx").kind != .noop)

        #expect(parseError("a APPEND INBOX (\\Recent) {1+}\r\nx")?.message == "\\Recent cannot be set by a client")
        #expect(parseError("a APPEND INBOX (\\Bogus) {1+}\r\nx")?.message == "unknown system flag \\Bogus")
        #expect(parseError("a APPEND INBOX \"31-Feb-2020 00:00:00 +0000\" {1+}\r\nx")?.message == "invalid date-time")
        #expect(parseError("a APPEND INBOX hello")?.message == "expected the message as a literal")
        // RFC 3502 MULTIAPPEND: several messages, each with its own flags and date.
        guard case .append(let multi) = try parse("a APPEND INBOX {1+}\r\nx (\\Seen) {1+}\r\ny").kind else {
            Issue.record("not an APPEND")
            return
        }
        #expect(multi.parts.map { Array($0.message) } == [[0x78], [0x79]])
        #expect(multi.parts[1].flags == [.seen])
        #expect(parseError("a APPEND INBOX {1+}\r\nx hello")?.message == "expected the message as a literal")
    }

    @Test func fetchAttributesAndMacros() throws {
        func attributes(_ text: String) throws -> [IMAPFetchAttribute] {
            guard case .fetch(let f) = try parse(text).kind else { return [] }
            return f.attributes
        }
        #expect(try attributes("a FETCH 1 ALL") == IMAPFetchAttribute.all)
        #expect(try attributes("a FETCH 1 fast") == IMAPFetchAttribute.fast)
        #expect(try attributes("a FETCH 1 FULL") == IMAPFetchAttribute.full)
        #expect(try attributes("a FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])")
                == [.flags, .bodySection(IMAPSection(text: .headerFields(["DATE", "FROM"])), partial: nil, peek: false)])
        #expect(try attributes("a FETCH 1 (ENVELOPE INTERNALDATE RFC822 RFC822.HEADER RFC822.SIZE RFC822.TEXT BODY BODYSTRUCTURE UID MODSEQ)")
                == [.envelope, .internalDate, .rfc822, .rfc822Header, .rfc822Size, .rfc822Text, .body, .bodyStructure, .uid, .modSeq])
        #expect(try attributes("a FETCH 1 BODY.PEEK[1.2.3.MIME]<10.20>")
                == [.bodySection(IMAPSection(part: [1, 2, 3], text: .mime), partial: IMAPPartial(offset: 10, length: 20), peek: true)])
        #expect(try attributes("a FETCH 1 (BODY[] BODY[TEXT] BODY[2] BODY[2.HEADER] BODY[3.TEXT] BODY[4.HEADER.FIELDS.NOT (Received \"X-Spam\")])")
                == [.bodySection(.whole, partial: nil, peek: false),
                    .bodySection(IMAPSection(text: .text), partial: nil, peek: false),
                    .bodySection(IMAPSection(part: [2]), partial: nil, peek: false),
                    .bodySection(IMAPSection(part: [2], text: .header), partial: nil, peek: false),
                    .bodySection(IMAPSection(part: [3], text: .text), partial: nil, peek: false),
                    .bodySection(IMAPSection(part: [4], text: .headerFieldsNot(["Received", "X-Spam"])), partial: nil, peek: false)])
        #expect(try attributes("a FETCH 1 (BINARY[1] BINARY.PEEK[1.2]<0.100> BINARY.SIZE[2] BINARY[])")
                == [.binary(part: [1], partial: nil, peek: false),
                    .binary(part: [1, 2], partial: IMAPPartial(offset: 0, length: 100), peek: true),
                    .binarySize(part: [2]), .binary(part: [], partial: nil, peek: false)])
        // UID FETCH always returns UID; duplicates are removed.
        #expect(try attributes("a UID FETCH 1:* (FLAGS FLAGS)") == [.uid, .flags])
    }

    @Test func fetchModifiers() throws {
        let command = try parse("s100 UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)")
        #expect(command.kind == .fetch(IMAPFetchCommand(sequenceSet: IMAPSequenceSet([IMAPSequenceRange(300...500)]),
                                                       attributes: [.uid, .flags, .modSeq], byUID: true,
                                                       changedSince: 12345, vanished: true)))
        #expect(parseError("a FETCH 1 (FLAGS) (VANISHED)")?.message == "VANISHED requires UID FETCH with CHANGEDSINCE")
        #expect(parseError("a FETCH 1 (FLAGS) (FOO 1)")?.message == "unknown FETCH modifier FOO")
    }

    @Test func malformedFetches() {
        #expect(parseError("a FETCH 0 FLAGS")?.message == "invalid sequence set")
        #expect(parseError("a FETCH 1:4294967296 FLAGS")?.message == "invalid sequence set")
        #expect(parseError("a FETCH 1 (FLAGS")?.message == "missing arguments")
        #expect(parseError("a FETCH 1 ()")?.message == "empty list")
        #expect(parseError("a FETCH 1 BODY[1.MIME")?.message == "expected ] closing the section")
        #expect(parseError("a FETCH 1 BODY[MIME]")?.message == "MIME needs a part number")
        #expect(parseError("a FETCH 1 BODY[0]")?.message == "expected a non-zero number")
        #expect(parseError("a FETCH 1 BODY[1]<5>")?.message == "expected . in the partial range")
        #expect(parseError("a FETCH 1 BODY[1]<5.0>")?.message == "expected a non-zero number")
        #expect(parseError("a FETCH 1 BODY.PEEK")?.message == "BODY.PEEK needs a section")
        #expect(parseError("a FETCH 1 (ALL)")?.message == "ALL cannot be used inside a list")
        #expect(parseError("a FETCH 1 BODY[HEADER.FIELDS (Fr:om)]")?.message == "invalid header field name")
        // RFC 5182 §3: "$" is the saved search result.
        guard case .fetch(let saved)? = try? parse("a FETCH $ FLAGS").kind else {
            Issue.record("not a FETCH")
            return
        }
        #expect(saved.sequenceSet.isSavedResult)
        #expect(parseError("a FETCH 1 XYZZY")?.message == "unknown FETCH item XYZZY")
    }

    @Test func store() throws {
        let set = IMAPSequenceSet.parse(bytes("2:4"))!
        #expect(try parse("A003 STORE 2:4 +FLAGS (\\Deleted)").kind
                == .store(IMAPStoreCommand(sequenceSet: set, byUID: false, action: .add, silent: false, flags: [.deleted])))
        #expect(try parse("a UID STORE 2:4 -FLAGS.SILENT \\Seen $Junk").kind
                == .store(IMAPStoreCommand(sequenceSet: set, byUID: true, action: .remove, silent: true, flags: [.seen, IMAPFlag("$Junk")])))
        #expect(try parse("a STORE 2:4 (UNCHANGEDSINCE 320162338) FLAGS ()").kind
                == .store(IMAPStoreCommand(sequenceSet: set, byUID: false, unchangedSince: 320_162_338, action: .replace, silent: false, flags: [])))
        #expect(parseError("a STORE 1 +FLAGS (\\Recent)")?.message == "\\Recent cannot be set by a client")
        #expect(parseError("a STORE 1 +FLAGS (\\Important)")?.message == "unknown system flag \\Important")
        #expect(parseError("a STORE 1 FLAGZ (\\Seen)")?.message == "expected FLAGS, +FLAGS or -FLAGS")
        #expect(parseError("a STORE 1 +FLAGS (\\Seen")?.message == "missing arguments")
    }

    @Test func copyMoveAndUIDExpunge() throws {
        let set = IMAPSequenceSet.parse(bytes("1:3,5"))!
        #expect(try parse("a COPY 1:3,5 Trash").kind == .copy(IMAPCopyCommand(sequenceSet: set, mailbox: IMAPMailboxName(encoded: "Trash"), byUID: false)))
        #expect(try parse("a UID MOVE 1:3,5 \"Junk\"").kind == .move(IMAPCopyCommand(sequenceSet: set, mailbox: IMAPMailboxName(encoded: "Junk"), byUID: true)))
        #expect(try parse("a UID EXPUNGE 1:3,5").kind == .uidExpunge(set))
        #expect(parseError("a UID FROBNICATE 1:3")?.message == "Unknown UID command FROBNICATE")
        // RFC 5256 §5: `"UID" SP thread` and the threading algorithms.
        guard case .thread(let thread) = try parse("a UID THREAD REFERENCES UTF-8 ALL").kind else {
            Issue.record("not a THREAD")
            return
        }
        #expect(thread.byUID && thread.algorithm == .references && thread.charset == "UTF-8")
        #expect(parseError("a THREAD SIDEWAYS UTF-8 ALL")?.message == "unknown threading algorithm SIDEWAYS")
    }

    @Test func searchKeys() throws {
        func key(_ text: String) throws -> IMAPSearchKey {
            guard case .search(let s) = try parse("a SEARCH " + text).kind else { return .all }
            return s.key
        }
        #expect(try key("FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"")
                == .and([.flagged, .since(IMAPDate(year: 1994, month: 2, day: 1)!), .not(.from("Smith"))]))
        #expect(try key("1:3,*") == .sequenceNumbers(IMAPSequenceSet.parse(bytes("1:3,*"))!))
        #expect(try key("HEADER X-Mailer \"\"") == .header(field: "X-Mailer", value: ""))
        #expect(try key("LARGER 100 SMALLER 2000") == .and([.larger(100), .smaller(2000)]))
        #expect(try key("KEYWORD $Junk UNKEYWORD $NotJunk") == .and([.keyword(IMAPFlag("$Junk")), .unkeyword(IMAPFlag("$NotJunk"))]))
        #expect(try key("SENTBEFORE \"3-Mar-2003\" SENTON 4-Apr-2004 SENTSINCE 5-May-2005 BEFORE 1-Jan-2000 ON 2-Jan-2000")
                == .and([.sentBefore(IMAPDate(year: 2003, month: 3, day: 3)!), .sentOn(IMAPDate(year: 2004, month: 4, day: 4)!),
                         .sentSince(IMAPDate(year: 2005, month: 5, day: 5)!), .before(IMAPDate(year: 2000, month: 1, day: 1)!),
                         .on(IMAPDate(year: 2000, month: 1, day: 2)!)]))
        #expect(try key("MODSEQ \"/flags/\\\\draft\" all 620162338") == .modSeq(620_162_338, entry: IMAPModSeqEntry(name: "/flags/\\draft", type: "all")))
        #expect(try key("MODSEQ 5") == .modSeq(5, entry: nil))
        #expect(try key("OLDER 3600 YOUNGER 60") == .and([.older(3600), .younger(60)]))
        #expect(try key("all answered deleted draft new old recent seen unanswered undeleted undraft unflagged unseen")
                == .and([.all, .answered, .deleted, .draft, .new, .old, .recent, .seen, .unanswered, .undeleted, .undraft, .unflagged, .unseen]))
        #expect(try key("TEXT {5}\r\nhello BCC b CC c TO t BODY x SUBJECT s")
                == .and([.text("hello"), .bcc("b"), .cc("c"), .to("t"), .body("x"), .subject("s")]))
    }

    @Test func searchOrNesting() throws {
        guard case .search(let s) = try parse("a SEARCH OR (SEEN ANSWERED) UID 1:5").kind else {
            Issue.record("not a search")
            return
        }
        #expect(s.key == .or(.and([.seen, .answered]), .uid(IMAPSequenceSet.parse(bytes("1:5"))!)))
    }

    @Test func searchCharsetAndReturn() throws {
        #expect(try parse("a SEARCH CHARSET UTF-8 TEXT \"é\"").kind
                == .search(IMAPSearchCommand(byUID: false, charset: "UTF-8", key: .text("é"))))
        #expect(try parse("a UID SEARCH RETURN (MIN COUNT) CHARSET \"us-ascii\" ALL").kind
                == .search(IMAPSearchCommand(byUID: true, charset: "US-ASCII", returnOptions: [.min, .count], key: .all)))
        #expect(try parse("a SEARCH RETURN () UNSEEN").kind == .search(IMAPSearchCommand(byUID: false, returnOptions: [.all], key: .unseen)))
        let error = parseError("a SEARCH CHARSET KOI8-R ALL")
        #expect(error?.code == .badCharset(["UTF-8", "US-ASCII"]))
        #expect(error?.response == .tagged("a", .no, code: .badCharset(["UTF-8", "US-ASCII"]), text: "Unsupported charset KOI8-R"))
        #expect(parseError("a SEARCH RETURN (SOON) ALL")?.message == "unknown SEARCH return option SOON")
        // RFC 5182 SAVE, RFC 5267 §4.4 PARTIAL (both ends negative or both positive).
        var saved = IMAPSearchCommand(byUID: false, returnOptions: [.save], key: .all)
        #expect(try parse("a SEARCH RETURN (SAVE) ALL").kind == .search(saved))
        saved.returnOptions = []
        saved.partial = IMAPPartialRange(first: -1, last: -100)
        #expect(try parse("a SEARCH RETURN (PARTIAL -1:-100) ALL").kind == .search(saved))
        #expect(parseError("a SEARCH RETURN (PARTIAL 1:-5) ALL")?.message == "invalid PARTIAL range")
        #expect(IMAPPartialRange(first: 2, last: 3).select([10, 20, 30, 40]) == [20, 30])
        #expect(IMAPPartialRange(first: -1, last: -2).select([10, 20, 30, 40]) == [30, 40])
        #expect(IMAPPartialRange(first: 5, last: 9).select([10, 20, 30, 40]).isEmpty)
    }

    @Test func malformedSearches() {
        #expect(parseError("a SEARCH")?.message == "missing arguments")
        #expect(parseError("a SEARCH FOO")?.message == "unknown search key FOO")
        #expect(parseError("a SEARCH SINCE 32-Jan-2020")?.message == "invalid date")
        #expect(parseError("a SEARCH SINCE 1-Jan-20")?.message == "invalid date")
        #expect(parseError("a SEARCH (SEEN")?.message == "expected ) closing the search key list")
        #expect(parseError("a SEARCH OR SEEN")?.message == "missing arguments")
        #expect(parseError("a SEARCH KEYWORD \\Seen")?.message == "expected an atom")
        #expect(parseError("a SEARCH LARGER -1")?.message == "expected a number")
        #expect(parseError("a SEARCH SEEN  UNSEEN")?.message == "unexpected extra arguments")
        let deep = "a SEARCH " + String(repeating: "NOT ", count: 100) + "SEEN"
        #expect(parseError(deep)?.message == "nested too deeply")
        let parens = "a SEARCH " + String(repeating: "(", count: 1000) + "SEEN" + String(repeating: ")", count: 1000)
        #expect(parseError(parens)?.message == "nested too deeply")
    }

    @Test func sort() throws {
        #expect(try parse("A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994").kind
                == .sort(IMAPSortCommand(byUID: false, criteria: [IMAPSortCriterion(.subject)], charset: "UTF-8",
                                         key: .since(IMAPDate(year: 1994, month: 2, day: 1)!))))
        #expect(try parse("A283 UID SORT (REVERSE DATE FROM size) US-ASCII SEEN UNDELETED").kind
                == .sort(IMAPSortCommand(byUID: true, criteria: [IMAPSortCriterion(.date, reverse: true), IMAPSortCriterion(.from), IMAPSortCriterion(.size)],
                                         charset: "US-ASCII", key: .and([.seen, .undeleted]))))
        #expect(parseError("a SORT (REVERSE) UTF-8 ALL")?.message == "REVERSE must precede a sort criterion")
        #expect(parseError("a SORT (SUBJECT) ALL")?.code == .badCharset(["UTF-8", "US-ASCII"]))
        #expect(parseError("a SORT (SUBJECT) UTF-8")?.message == "missing arguments")
        #expect(parseError("a SORT (COLOR) UTF-8 ALL")?.message == "unknown sort criterion COLOR")
    }

    @Test func idEnableACLQuota() throws {
        #expect(try parse("a ID (\"name\" \"sodr\" \"version\" NIL)").kind == .id([IMAPIDField("name", "sodr"), IMAPIDField("version", nil)]))
        #expect(try parse("a ID NIL").kind == .id(nil))
        #expect(try parse("a ID ()").kind == .id([]))
        #expect(try parse("a ENABLE CONDSTORE qresync").kind == .enable(["CONDSTORE", "QRESYNC"]))
        #expect(try parse("a GETACL INBOX").kind == .getACL(.inbox))
        #expect(try parse("a SETACL INBOX/Drafts Fred +rwi").kind
                == .setACL(IMAPMailboxName(encoded: "INBOX/Drafts"), identifier: "Fred", rights: IMAPRightsModification(mode: .add, rights: "rwi")))
        #expect(try parse("a SETACL x \"-group\" lr").kind
                == .setACL(IMAPMailboxName(encoded: "x"), identifier: "-group", rights: IMAPRightsModification(mode: .replace, rights: "lr")))
        #expect(try parse("a SETACL x y \"\"").kind == .setACL(IMAPMailboxName(encoded: "x"), identifier: "y", rights: IMAPRightsModification(mode: .replace, rights: "")))
        #expect(try parse("a DELETEACL x Fred").kind == .deleteACL(IMAPMailboxName(encoded: "x"), identifier: "Fred"))
        #expect(try parse("a LISTRIGHTS x Fred").kind == .listRights(IMAPMailboxName(encoded: "x"), identifier: "Fred"))
        #expect(try parse("a MYRIGHTS x").kind == .myRights(IMAPMailboxName(encoded: "x")))
        #expect(try parse("a GETQUOTA \"\"").kind == .getQuota(root: ""))
        #expect(try parse("a GETQUOTAROOT INBOX").kind == .getQuotaRoot(.inbox))
        #expect(try parse("a SETQUOTA \"\" (STORAGE 512 message 100)").kind
                == .setQuota(root: "", limits: [IMAPQuotaLimit(resource: "STORAGE", limit: 512), IMAPQuotaLimit(resource: "MESSAGE", limit: 100)]))
        #expect(parseError("a SETACL x y RW")?.message == "invalid rights (lower-case right letters expected)")
        #expect(parseError("a ID (\"only-key\")")?.message == "expected a space")
        #expect(parseError("a ENABLE")?.message == "missing arguments")
    }

    @Test func errorsCarryTheTag() {
        #expect(parseError("t42 BOGUS") == IMAPParseError(tag: "t42", message: "Unknown command BOGUS"))
        #expect(parseError("t42 BOGUS")?.response == .tagged("t42", .bad, code: nil, text: "Unknown command BOGUS"))
        #expect(parseError("+ NOOP")?.tag == nil)
        #expect(parseError("+ NOOP")?.response == .untagged(.condition(.bad, code: nil, text: "Missing or invalid tag")))
        #expect(parseError("t42")?.message == "missing arguments")
        #expect(parseError("t42 NOOP extra")?.message == "unexpected extra arguments")
        #expect(parseError("t42 LOGIN \"unterminated")?.message == "unterminated quoted string")
        #expect(parseError("t42 LOGIN \"bad\\escape\" x")?.message == "invalid escape in a quoted string")
        #expect(parseError("t42 LOGIN {3}x y")?.message == "a literal must end its line")
    }

    @Test func commandNamesAndStates() throws {
        #expect(try parse("a UID FETCH 1 FLAGS").kind.name == "UID FETCH")
        #expect(try parse("a LOGIN a b").kind.allowedStates == [.notAuthenticated])
        #expect(try parse("a FETCH 1 FLAGS").kind.allowedStates == [.selected])
        #expect(try parse("a NOOP").kind.allowedStates.count == 3)
    }

    @Test func pathologicalInputsNeverCrash() {
        var generator = SeededGenerator(seed: 7)
        let words = ["a", "UID", "FETCH", "SEARCH", "STORE", "(", ")", "[", "]", "<", ">", "1", "*", ":", ",", "\"", "\\",
                     "BODY", "HEADER.FIELDS", "NOT", "OR", "{2+}\r\nxx", "NIL", " ", " ", "LIST", "RETURN", "STATUS",
                     "APPEND", "SELECT", "QRESYNC", "CHARSET", "SORT", ".", "MIME", "0", "4294967296", "~{1+}\r\n\0"]
        for _ in 0..<3000 {
            var text = "t "
            for _ in 0..<Int(generator.next() % 20) { text += words[Int(generator.next() % UInt64(words.count))] }
            _ = try? IMAPCommandParser.parse(text)
        }
    }
}
