import Foundation
import Sieve

enum Fixture {
    static let message = """
        Return-Path: <sender@example.org>\r
        Received: from mx.example.org by mail.example.com; Tue, 1 Apr 2025 09:00:00 +0000\r
        From: "Alice Sender" <alice+news@example.org>\r
        To: Me <me@example.com>, other@example.net\r
        Cc: team@example.com\r
        Subject: Weekly report for =?UTF-8?Q?M=C3=BCller?=\r
        Date: Tue, 1 Apr 2025 10:30:45 +0200\r
        Message-ID: <abc123@example.org>\r
        X-Priority: 3\r
        X-Priority: 1\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Hello team,\r
        the numbers are in.\r

        """

    static let multipart = """
        From: bob@example.org\r
        To: me@example.com\r
        Subject: pictures\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain; charset=us-ascii\r
        \r
        Plain part mentions kittens.\r
        --b1\r
        Content-Type: text/html; charset=us-ascii\r
        \r
        <html><body><p>HTML part about <b>puppies</b></p></body></html>\r
        --b1\r
        Content-Type: application/octet-stream\r
        Content-Transfer-Encoding: base64\r
        \r
        c2VjcmV0IGJpbmFyeQ==\r
        --b1--\r

        """

    static func environment(userAddresses: [String] = ["me@example.com"], spamScore: Double? = nil,
                            mailboxes: Set<String> = ["INBOX", "Archive"],
                            seen: Set<String> = [], scripts: [String: String] = [:],
                            limits: SieveLimits = .default) -> SieveEnvironment {
        SieveEnvironment(
            userAddresses: userAddresses,
            currentDate: Date(timeIntervalSince1970: 1_743_500_000),  // 2025-04-01T09:33:20Z
            timeZone: TimeZone(secondsFromGMT: 3600) ?? .current,
            spamScore: spamScore,
            mailboxExists: { mailboxes.contains($0) },
            isDuplicate: { seen.contains($0.uniqueID) },
            loadScript: { name, location in scripts[location.rawValue + ":" + name] },
            limits: limits)
    }

    static func run(_ source: String, message: String = Fixture.message, from: String = "sender@example.org",
                    to: String = "me@example.com", environment: SieveEnvironment = Fixture.environment()) throws -> SieveOutcome {
        let script = try SieveCompiler.compile(source, name: "test")
        return SieveInterpreter(script: script, environment: environment)
            .run(message: SieveMessage(bytes: Array(message.utf8)), envelope: SieveEnvelope(from: from, to: to))
    }

    /// The compile error of a script that must not compile.
    static func compileError(_ source: String) -> SieveCompileError? {
        do {
            _ = try SieveCompiler.compile(source, name: "test")
            return nil
        } catch {
            return error
        }
    }

    /// The folders the message ends up in (implicit keep as "INBOX").
    static func folders(_ outcome: SieveOutcome) -> [String] {
        outcome.deliveryActions.compactMap { action in
            switch action {
            case .keep: return "INBOX"
            case .fileinto(let mailbox, _, _, _): return mailbox
            default: return nil
            }
        }
    }
}
