import Testing
@testable import IMAPProtocol

/// RFC 4467 (URLAUTH) and RFC 5267 §4 (CONTEXT=SEARCH/SORT): commands, URL parts,
/// access rules, responses and the result diffs.
@Suite struct URLAuthContextTests {
    // MARK: Commands

    @Test func urlAuthCommandsParse() throws {
        // RFC 4467 §7 examples.
        let rump = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred"
        #expect(try parse("a777 GENURLAUTH \"\(rump)\" INTERNAL").kind
                == .genURLAuth([IMAPGenURLAuthRequest(url: rump, mechanism: "INTERNAL")]))
        #expect(try parse("a GENURLAUTH \"\(rump)\" internal \"\(rump)\" XSAMPLE").kind
                == .genURLAuth([IMAPGenURLAuthRequest(url: rump, mechanism: "INTERNAL"),
                                IMAPGenURLAuthRequest(url: rump, mechanism: "XSAMPLE")]))
        #expect(try parse("a31 RESETKEY").kind == .resetKey(nil, mechanisms: []))
        #expect(try parse("a32 RESETKEY INBOX").kind == .resetKey(IMAPMailboxName(encoded: "INBOX"), mechanisms: []))
        #expect(try parse("a33 RESETKEY INBOX XSAMPLE").kind
                == .resetKey(IMAPMailboxName(encoded: "INBOX"), mechanisms: ["XSAMPLE"]))
        let full = rump + ":internal:91354a473744909de610943775f92038"
        #expect(try parse("a002 URLFETCH \"\(full)\"").kind == .urlFetch([full]))
        #expect(try parse("a URLFETCH \"\(full)\" {5}\r\n/x;y=").kind == .urlFetch([full, "/x;y="]))
        #expect(parseError("a GENURLAUTH \"\(rump)\"") != nil)  // no mechanism
        #expect(parseError("a URLFETCH") != nil)
        #expect(parseError("a GENURLAUTH \"\(rump)\" IN[TERNAL") != nil)
    }

    @Test func contextCommandsParse() throws {
        // RFC 5267 §4.3.5: CANCELUPDATE takes quoted tags only.
        #expect(try parse("B04 CANCELUPDATE \"B01\"").kind == .cancelUpdate(["B01"]))
        #expect(try parse("B04 CANCELUPDATE \"B01\" \"B02\"").kind == .cancelUpdate(["B01", "B02"]))
        #expect(parseError("B04 CANCELUPDATE B01")?.message == "CANCELUPDATE takes quoted tags")
        #expect(parseError("B04 CANCELUPDATE") != nil)
        // §4.3: UPDATE and CONTEXT are no result options: alone they mean ALL.
        var update = IMAPSearchCommand(byUID: true, returnOptions: [.update, .all], key: .and([.deleted, .keyword(IMAPFlag("$Junk"))]))
        #expect(try parse("B01 UID SEARCH RETURN (UPDATE) DELETED KEYWORD $Junk").kind == .search(update))
        update.returnOptions = [.update, .count]
        #expect(try parse("B01 UID SEARCH RETURN (UPDATE COUNT) DELETED KEYWORD $Junk").kind == .search(update))
        let hinted = try parse("A01 SEARCH RETURN (CONTEXT COUNT) UNDELETED").kind
        #expect(hinted == .search(IMAPSearchCommand(byUID: false, returnOptions: [.context, .count], key: .undeleted)))
        guard case .sort(let sort) = try parse("B02 UID SORT RETURN (UPDATE) (SUBJECT) UTF-8 ALL").kind else {
            Issue.record("not a SORT")
            return
        }
        #expect(sort.returnOptions == [.update, .all])
        guard case .search(let partial) = try parse("A02 UID SEARCH RETURN (UPDATE PARTIAL 1:500) UNDELETED").kind else {
            Issue.record("not a SEARCH")
            return
        }
        #expect(partial.returnOptions == [.update])
        #expect(partial.partial == IMAPPartialRange(first: 1, last: 500))
    }

    @Test func newCommandsHaveNamesAndStates() throws {
        #expect(try parse("a RESETKEY").kind.allowedStates == [.authenticated, .selected])
        #expect(try parse("a URLFETCH x").kind.name == "URLFETCH")
        #expect(try parse("a CANCELUPDATE \"x\"").kind.allowedStates == [.selected])
    }

    // MARK: Authorized URLs

    @Test func authorizedURLParts() throws {
        let rump = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred"
        let url = try #require(IMAPAuthorizedURL(rump: rump))
        #expect(url.owner == "joe")
        #expect(url.access == .submit("fred"))
        #expect(url.messageURL == "imap://joe@example.com/INBOX/;uid=20/;section=1.2")
        #expect(url.mechanism == nil && url.expiry == nil)
        // §6: the rump is the text before ":<mech>:<token>", untouched.
        let full = try #require(IMAPAuthorizedURL(full: rump + ":internal:91354a473744909de610943775f92038"))
        #expect(full.rump == rump)
        #expect(full.mechanism == "INTERNAL")
        #expect(full.token == "91354a473744909de610943775f92038")
        #expect(IMAPAuthorizedURL.full(rump: rump, mechanism: "INTERNAL", token: "ab") == rump + ":internal:ab")
        // Percent-encoded users, ;AUTH=, ;EXPIRE=.
        let expiring = try #require(IMAPAuthorizedURL(rump:
            "imap://bob%40example.org;AUTH=*@mail.example.org/Sent/;UIDVALIDITY=7/;UID=3;EXPIRE=2026-12-07T10:00:00Z;URLAUTH=user+ann%40example.org"))
        #expect(expiring.owner == "bob@example.org")
        #expect(expiring.access == .user("ann@example.org"))
        #expect(expiring.expiry == 1_796_637_600)
        #expect(expiring.messageURL == "imap://bob%40example.org;AUTH=*@mail.example.org/Sent/;UIDVALIDITY=7/;UID=3")
        #expect(expiring.hasExpired(now: 1_796_637_600) == false)
        #expect(expiring.hasExpired(now: 1_796_637_601))
    }

    @Test func malformedAuthorizedURLsAreRefused() {
        // RFC 4467 §7 GENURLAUTH examples: no access identifier; no owner.
        #expect(IMAPAuthorizedURL(rump: "imap://joe@example.com/INBOX/;uid=20/;section=1.2") == nil)
        #expect(IMAPAuthorizedURL(rump: "imap://example.com/Shared/;uid=20/;section=1.2;urlauth=submit+fred") == nil)
        #expect(IMAPAuthorizedURL(rump: "imap://joe@example.com/INBOX/;uid=20;urlauth=nobody") == nil)
        #expect(IMAPAuthorizedURL(rump: "imap://joe@example.com/INBOX/;uid=20;urlauth=user+") == nil)
        #expect(IMAPAuthorizedURL(rump: "imap://joe@example.com/INBOX/;uid=20;EXPIRE=tomorrow;urlauth=anonymous") == nil)
        let rump = "imap://joe@example.com/INBOX/;uid=20;urlauth=anonymous"
        // Tokens are at least 128 bits of hex (§3); a rump is no full URL.
        #expect(IMAPAuthorizedURL(full: rump + ":internal:1234") == nil)
        #expect(IMAPAuthorizedURL(full: rump + ":internal:91354a473744909de610943775f9203z") == nil)
        #expect(IMAPAuthorizedURL(full: rump) == nil)
        #expect(IMAPAuthorizedURL(full: rump + ":inter nal:91354a473744909de610943775f92038") == nil)
        #expect(IMAPAuthorizedURL.carriesURLAuth(rump))
        #expect(!IMAPAuthorizedURL.carriesURLAuth("imap://joe@example.com/INBOX/;uid=20"))
    }

    @Test func accessIdentifiersFollowSection3() {
        // user+: only that authorization identity.
        #expect(IMAPURLAuthAccess.user("fred").permits(sessionUser: "fred", isSubmitter: false))
        #expect(IMAPURLAuthAccess.user("fred").permits(sessionUser: "Fred", isSubmitter: false))
        #expect(!IMAPURLAuthAccess.user("fred").permits(sessionUser: "joe", isSubmitter: true))
        #expect(!IMAPURLAuthAccess.user("fred").permits(sessionUser: nil, isSubmitter: false))
        // submit+: any submission entity, whoever the user named.
        #expect(IMAPURLAuthAccess.submit("fred").permits(sessionUser: "submitserver", isSubmitter: true))
        #expect(!IMAPURLAuthAccess.submit("fred").permits(sessionUser: "fred", isSubmitter: false))
        // authuser: logged in, not anonymous; anonymous: anyone.
        #expect(IMAPURLAuthAccess.authUser.permits(sessionUser: "x", isSubmitter: false))
        #expect(!IMAPURLAuthAccess.authUser.permits(sessionUser: nil, isSubmitter: false))
        #expect(IMAPURLAuthAccess.anonymous.permits(sessionUser: nil, isSubmitter: false))
        #expect(IMAPURLAuthAccess("AuthUser") == .authUser)
        #expect(IMAPURLAuthAccess("SUBMIT+fred") == .submit("fred"))
        #expect(IMAPURLAuthAccess("user+a:b") == nil)
    }

    @Test func rfc3339DateTimes() {
        #expect(RFC3339DateTime.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339DateTime.seconds("1970-01-01T01:00:00+01:00") == 0)
        #expect(RFC3339DateTime.seconds("1969-12-31T19:00:00.25-05:00") == 0)
        #expect(RFC3339DateTime.seconds("2024-02-29T12:00:00z") == 1_709_208_000)
        #expect(RFC3339DateTime.seconds("2023-02-29T12:00:00Z") == nil)
        #expect(RFC3339DateTime.seconds("2024-01-01T12:00:00") == nil)
        #expect(RFC3339DateTime.seconds("2024-01-01 12:00:00Z") == nil)
        #expect(RFC3339DateTime.seconds("2024-01-01T12:00:00Zjunk") == nil)
    }

    // MARK: Responses

    @Test func urlAuthResponses() {
        // RFC 4467 §8.
        let url = "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred:internal:91354a473744909de610943775f92038"
        #expect(encode(.untagged(.genURLAuth([url]))) == "* GENURLAUTH \"\(url)\"\r\n")
        #expect(encode(.untagged(.urlFetch([IMAPURLFetchItem(url: url, data: Array("Si vis pacem, para bellum.\r\n".utf8)),
                                            IMAPURLFetchItem(url: "/x", data: nil)])))
                == "* URLFETCH \"\(url)\" {28}\r\nSi vis pacem, para bellum.\r\n \"/x\" NIL\r\n")
        #expect(encode(.tagged("a33", .ok, code: .other("URLMECH", "INTERNAL"), text: "done")) == "a33 OK [URLMECH INTERNAL] done\r\n")
        #expect(IMAPCapability.authenticatedSet(appendLimit: nil).contains("URLAUTH"))
    }

    @Test func contextResponses() {
        // RFC 5267 §4.3.3 and §4.3.4 examples.
        var addTo = IMAPESearchResponse(tag: "B01", byUID: true)
        addTo.contextUpdates = [IMAPContextUpdate(.addTo, [.init(position: 0, numbers: [32768, 32769])])]
        #expect(encode(.untagged(.esearch(addTo))) == "* ESEARCH (TAG \"B01\") UID ADDTO (0 32768:32769)\r\n")
        var several = IMAPESearchResponse(tag: "C01", byUID: true)
        several.contextUpdates = [IMAPContextUpdate(.addTo, [.init(position: 1, numbers: [2733]), .init(position: 1, numbers: [2731, 2732])])]
        #expect(encode(.untagged(.esearch(several))) == "* ESEARCH (TAG \"C01\") UID ADDTO (1 2733 1 2731:2732)\r\n")
        var remove = IMAPESearchResponse(tag: "B01", byUID: true)
        remove.contextUpdates = [IMAPContextUpdate(.removeFrom, [.init(position: 0, numbers: [32768])])]
        #expect(encode(.untagged(.esearch(remove))) == "* ESEARCH (TAG \"B01\") UID REMOVEFROM (0 32768)\r\n")
        // Sort order is kept: a run written in the order the client inserts it.
        var sorted = IMAPESearchResponse(tag: "S", byUID: false)
        sorted.contextUpdates = [IMAPContextUpdate(.addTo, [.init(position: 3, numbers: [9, 4, 5])])]
        #expect(encode(.untagged(.esearch(sorted))) == "* ESEARCH (TAG \"S\") ADDTO (3 9,4:5)\r\n")
        #expect(encode(.untagged(.condition(.no, code: .other("NOUPDATE", "\"B02\""), text: "Too many contexts")))
                == "* NO [NOUPDATE \"B02\"] Too many contexts\r\n")
        let capabilities = IMAPCapability.authenticatedSet(appendLimit: nil)
        #expect(capabilities.contains("CONTEXT=SEARCH") && capabilities.contains("CONTEXT=SORT"))
    }

    // MARK: Diffs

    @Test func searchContextDiffIsInMailboxOrder() {
        let (removed, added) = IMAPContextDiff.unordered(old: [1, 3, 5, 7], new: [1, 2, 5, 7, 9])
        #expect(removed == [3])
        #expect(added == [2, 9])
        #expect(IMAPContextDiff.unordered(old: [4], new: [4]) == ([], []))
    }

    @Test func sortContextDiffPositionsApplyInOrder() {
        // RFC 5267 §4.3.3: 2734:2735 becoming 2731:2735 is "ADDTO (1 2731:2733)".
        let grow = IMAPContextDiff.ordered(old: [2734, 2735], new: [2731, 2732, 2733, 2734, 2735])
        #expect(grow.removals.isEmpty)
        #expect(grow.additions == [.init(position: 1, keys: [2731, 2732, 2733])])
        // Removals: positions before removal, consecutive ones share a pair (§4.3.4).
        let old: [UInt32] = [10, 4, 8, 2, 6, 12]
        let new: [UInt32] = [7, 10, 2, 6, 11, 12]
        let diff = IMAPContextDiff.ordered(old: old, new: new)
        #expect(diff.removals == [.init(position: 2, keys: [4, 8])])
        #expect(diff.additions == [.init(position: 1, keys: [7]), .init(position: 5, keys: [11])])
        #expect(Self.apply(diff, to: old) == new)
        // Kept messages that changed places are removed and added again.
        let moved = IMAPContextDiff.ordered(old: [1, 2, 3], new: [3, 1, 2])
        #expect(Self.apply(moved, to: [1, 2, 3]) == [3, 1, 2])
    }

    @Test func sortContextDiffsReplayOnRandomLists() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let universe = Array(UInt32(1)...30).shuffled(using: &generator)
            let old = Array(universe.prefix(Int.random(in: 0...20, using: &generator)))
            // The new list keeps the old one's order for the messages it keeps.
            var new = old.filter { _ in Bool.random(using: &generator) }
            for extra in universe.dropFirst(20) where Bool.random(using: &generator) {
                new.insert(extra, at: Int.random(in: 0...new.count, using: &generator))
            }
            #expect(Self.apply(IMAPContextDiff.ordered(old: old, new: new), to: old) == new)
        }
    }

    /// What a client does with the steps (§4.3.3, §4.3.4).
    static func apply(_ diff: (removals: [IMAPContextDiff.Step], additions: [IMAPContextDiff.Step]), to list: [UInt32]) -> [UInt32] {
        var list = list
        for step in diff.removals {
            let at = Int(step.position) - 1
            #expect(Array(list[at..<at + step.keys.count]) == step.keys)
            list.removeSubrange(at..<at + step.keys.count)
        }
        for step in diff.additions { list.insert(contentsOf: step.keys, at: Int(step.position) - 1) }
        return list
    }
}
