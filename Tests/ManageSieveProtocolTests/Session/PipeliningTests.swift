import Testing
@testable import ManageSieveProtocol

@Suite("Session: pipelining and chunking")
struct PipeliningTests {
    static let script =
        "AUTHENTICATE \"PLAIN\" {\(base64("\u{0}alice\u{0}secret").utf8.count)+}\r\n\(base64("\u{0}alice\u{0}secret"))\r\n" +
        "PUTSCRIPT \"vacation\" {28+}\r\nrequire \"vacation\";\r\nkeep;\r\n\r\n" +
        "SETACTIVE \"vacation\"\r\nLISTSCRIPTS\r\nGETSCRIPT {8}\r\nvacation\r\n" +
        "PUTSCRIPT \"bad\" \"error\"\r\nRENAMESCRIPT \"vacation\" \"away\"\r\nNOOP \"tag\"\r\nLOGOUT\r\n"

    static func run(_ chunks: [[UInt8]]) -> TestClient {
        var client = TestClient()
        client.connect(tls: true)
        for chunk in chunks { client.deliver(.received(chunk)) }
        return client
    }

    @Test func wholeSessionInOneWrite() {
        let client = Self.run([bytes(Self.script)])
        let lines = text(client.wire).components(separatedBy: "\r\n").drop { $0.hasPrefix("\"") || $0.hasPrefix("OK \"Postino") }
        #expect(Array(lines) == [
            "OK \"Logged in\"",
            "OK",
            "OK",
            "\"vacation\" ACTIVE", "OK \"Listscripts completed\"",
            "{28}", "require \"vacation\";", "keep;", "", "OK \"Getscript completed\"",
            "NO {45}", "line 2: syntax error", "line 3: unknown command",
            "OK",
            "OK (TAG \"tag\") \"Done\"",
            "OK \"Logout completed\"",
            "",
        ])
        #expect(client.active["alice"] == "away")
        #expect(client.closed)
        #expect(client.violations.isEmpty)
    }

    @Test func sameOutputWhateverTheSplit() {
        let input = bytes(Self.script)
        let reference = Self.run([input]).wire
        for cut in 0...input.count {
            let client = Self.run([Array(input[..<cut]), Array(input[cut...])])
            #expect(client.wire == reference, "cut at \(cut)")
        }
        #expect(Self.run(input.map { [$0] }).wire == reference)
    }
}
