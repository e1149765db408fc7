import Testing
@testable import ManageSieveProtocol

@Suite("Session: script commands (RFC 5804 §2.5–2.12)")
struct ScriptCommandTests {
    @Test func putListGetScript() {
        var client = TestClient()
        client.login()
        let script = "require [\"fileinto\"];\r\nfileinto \"Junk\";\r\n"
        #expect(client.send("PUTSCRIPT \"main\" {\(script.utf8.count)+}\r\n\(script)") == ["OK"])
        #expect(client.storeQuestions.last == .putScript(user: "alice", name: "main", content: bytes(script)))
        #expect(client.send("PUTSCRIPT \"other\" \"keep;\"") == ["OK"])
        #expect(client.send("LISTSCRIPTS") == ["\"main\"", "\"other\"", "OK \"Listscripts completed\""])
        #expect(client.send("SETACTIVE \"main\"") == ["OK"])
        #expect(client.send("LISTSCRIPTS") == ["\"main\" ACTIVE", "\"other\"", "OK \"Listscripts completed\""])
        #expect(client.send("GETSCRIPT \"main\"") == [
            "{\(script.utf8.count)}", "require [\"fileinto\"];", "fileinto \"Junk\";", "", "OK \"Getscript completed\"",
        ])
        #expect(client.send("GETSCRIPT \"nope\"") == ["NO (NONEXISTENT) \"There is no script by that name\""])
    }

    @Test func putScriptCompileErrorsAndWarnings() {
        var client = TestClient()
        client.login()
        #expect(client.send("PUTSCRIPT \"bad\" \"an error here\"") ==
                ["NO {45}", "line 2: syntax error", "line 3: unknown command"])
        #expect(client.scripts["alice"]?["bad"] == nil)
        #expect(client.send("PUTSCRIPT \"w\" \"warn me\"") == ["OK (WARNINGS) \"line 1: redirect limit is 5\""])
        #expect(client.scripts["alice"]?["w"] != nil)
    }

    @Test func emptyScriptIsRefused() {
        var client = TestClient()
        client.login()
        #expect(client.send("PUTSCRIPT \"e\" {0+}\r\n") == ["NO \"Empty script\""])
        #expect(client.storeQuestions.isEmpty)
    }

    @Test func checkScript() {
        var client = TestClient()
        client.login()
        #expect(client.send("CHECKSCRIPT \"keep;\"") == ["OK"])
        #expect(client.send("CHECKSCRIPT {5+}\r\nerror") == ["NO {45}", "line 2: syntax error", "line 3: unknown command"])
        #expect(client.scripts.isEmpty)
        #expect(client.storeQuestions.first == .checkScript(user: "alice", content: bytes("keep;")))
    }

    @Test func haveSpace() {
        var client = TestClient.make { $0.maxScriptSize = 1000 }
        client.maxScripts = 1
        client.login()
        #expect(client.send("HAVESPACE \"a\" 1000") == ["OK"])
        #expect(client.send("HAVESPACE \"a\" 1001") == ["NO (QUOTA/MAXSIZE) \"Script is too large\""])
        #expect(client.storeQuestions == [.haveSpace(user: "alice", name: "a", size: 1000)])
        client.send("PUTSCRIPT \"a\" \"keep;\"")
        #expect(client.send("HAVESPACE \"b\" 10") == ["NO (QUOTA/MAXSCRIPTS) \"Too many scripts\""])
        #expect(client.send("HAVESPACE \"a\" 10") == ["OK"])  // replacing fits
        #expect(client.send("PUTSCRIPT \"b\" \"keep;\"") == ["NO (QUOTA/MAXSCRIPTS) \"Too many scripts\""])
    }

    @Test func setActiveAndDeactivate() {
        var client = TestClient()
        client.login()
        #expect(client.send("SETACTIVE \"\"") == ["OK"])  // nothing active: still OK
        #expect(client.send("SETACTIVE \"x\"") == ["NO (NONEXISTENT) \"There is no script by that name\""])
        client.send("PUTSCRIPT \"x\" \"keep;\"")
        #expect(client.send("SETACTIVE \"x\"") == ["OK"])
        #expect(client.active["alice"] == "x")
        #expect(client.send("SETACTIVE \"\"") == ["OK"])
        #expect(client.active["alice"] == nil)
        #expect(client.storeQuestions.contains(.setActive(user: "alice", name: "")))
    }

    @Test func deleteScript() {
        var client = TestClient()
        client.login()
        client.send("PUTSCRIPT \"x\" \"keep;\"")
        client.send("SETACTIVE \"x\"")
        #expect(client.send("DELETESCRIPT \"x\"") == ["NO (ACTIVE) \"You may not delete an active script\""])
        client.send("SETACTIVE \"\"")
        #expect(client.send("DELETESCRIPT \"x\"") == ["OK"])
        #expect(client.send("DELETESCRIPT \"x\"") == ["NO (NONEXISTENT) \"There is no script by that name\""])
    }

    @Test func renameScript() {
        var client = TestClient()
        client.login()
        client.send("PUTSCRIPT \"a\" \"keep;\"")
        client.send("PUTSCRIPT \"b\" \"keep;\"")
        client.send("SETACTIVE \"a\"")
        #expect(client.send("RENAMESCRIPT \"a\" \"b\"") == ["NO (ALREADYEXISTS) \"A script with that name already exists\""])
        #expect(client.send("RENAMESCRIPT \"z\" \"y\"") == ["NO (NONEXISTENT) \"There is no script by that name\""])
        #expect(client.send("RENAMESCRIPT \"a\" \"c\"") == ["OK"])
        #expect(client.send("LISTSCRIPTS") == ["\"b\"", "\"c\" ACTIVE", "OK \"Listscripts completed\""])
    }

    @Test func invalidNamesNeverReachTheStore() {
        var client = TestClient()
        client.login()
        #expect(client.send("PUTSCRIPT \"\" \"keep;\"") == ["NO \"Script name is empty\""])
        #expect(client.send("GETSCRIPT {4+}\r\na\r\nb") == ["NO \"Script name contains a control character or line separator\""])
        #expect(client.send("RENAMESCRIPT \"a\" \"\(String(repeating: "n", count: 129))\"") ==
                ["NO \"Script name is longer than 128 characters\""])
        #expect(client.storeQuestions.isEmpty)
    }

    @Test func onlyOneActiveLineWhateverTheStoreSays() {
        var client = TestClient()
        client.answerStoreQuestions = false
        client.login()
        client.send("LISTSCRIPTS")
        let lines = client.answer(.scriptsListed(.scripts([
            ManageSieveScriptListEntry(name: "a", isActive: true),
            ManageSieveScriptListEntry(name: "b", isActive: true),
        ])))
        #expect(lines == ["\"a\" ACTIVE", "\"b\"", "OK \"Listscripts completed\""])
    }

    @Test func storeFailuresAndBye() {
        var client = TestClient()
        client.answerStoreQuestions = false
        client.login()
        client.send("LISTSCRIPTS")
        #expect(client.answer(.scriptsListed(.failed(.tryLater))) == ["NO (TRYLATER) \"Temporary server failure, try again later\""])
        client.send("GETSCRIPT \"a\"")
        #expect(client.answer(.scriptFetched(.failed(.tryLater))).status == "NO")
        client.send("DELETESCRIPT \"a\"")
        #expect(client.answer(.completed(.bye("Shutting down"))) == ["BYE \"Shutting down\""])
        #expect(client.closed)
    }

    @Test func answersToOtherQuestionsAreIgnored() {
        var client = TestClient()
        client.answerStoreQuestions = false
        client.login()
        client.send("GETSCRIPT \"a\"")
        #expect(client.deliver(.completed(.ok())).isEmpty)
        #expect(client.deliver(.scriptsListed(.scripts([]))).isEmpty)
        #expect(client.deliver(.authenticationChecked(.success(user: "mallory"))).isEmpty)
        #expect(client.answer(.scriptFetched(.script(bytes("keep;")))) == ["{5}", "keep;", "OK \"Getscript completed\""])
        #expect(client.session.authenticatedUser == "alice")
    }
}
