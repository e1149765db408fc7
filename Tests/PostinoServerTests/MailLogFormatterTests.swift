import Foundation
import Testing
@testable import PostinoServer

@Suite struct MailLogFormatterTests {
    @Test func lineHasTimestampHostComponentPidAndQueueID() {
        let f = MailLogFormatter(hostname: "mx", pid: 4242)
        let line = f.format(date: Date(timeIntervalSince1970: 0), component: "postino/smtpd",
                            queueID: "4BC3A2F01", text: "client=host[192.0.2.1]")
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        #expect(parts[0].range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$"#, options: .regularExpression) != nil)
        #expect(parts[1] == "mx postino/smtpd[4242]: 4BC3A2F01: client=host[192.0.2.1]")
    }

    @Test func lineWithoutQueueIDAndControlCharactersEscaped() {
        let f = MailLogFormatter(hostname: "mx", pid: 1)
        let line = f.format(date: Date(), component: "postino/imap", queueID: nil, text: "login user=<a\r\nb>")
        #expect(line.hasSuffix("mx postino/imap[1]: login user=<a\\x0D\\x0Ab>"))
    }

    @Test func handlerWritesQueueIDFromMetadata() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("postino-log-\(UUID())")
        let data = DataDirectory(root: dir)
        try data.prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let logs = try ServerLogs(dataDirectory: data, hostname: "mx.example.test", toStandardOutput: false)
        logs.mailLogger("postino/smtpd").info("from=<a@b> size=10 nrcpt=1", metadata: ["qid": "ABC123"])
        logs.accessLogger("postino/imap-login").info("login: user=<john>")
        let mail = try String(contentsOf: data.mailLog, encoding: .utf8)
        let access = try String(contentsOf: data.accessLog, encoding: .utf8)
        #expect(mail.contains(" mx postino/smtpd["))
        #expect(mail.contains("]: ABC123: from=<a@b> size=10 nrcpt=1\n"))
        #expect(access.contains("]: login: user=<john>\n"))
        #expect(!access.contains("ABC123"))
    }
}
