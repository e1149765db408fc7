@testable import Antispam

enum Fixtures {
    static func message(subject: String = "Meeting notes", from: String = "Alice <alice@example.org>",
                        extraHeaders: String = "", body: String = "Hi Bob,\nhere are the notes from today.\n",
                        contentType: String = "text/plain; charset=us-ascii") -> [UInt8] {
        Array("""
        From: \(from)\r
        To: bob@example.com\r
        Subject: \(subject)\r
        Date: Tue, 1 Oct 2024 10:00:00 +0200\r
        Message-ID: <\(subject.hashValue & 0xFFFFFF)@example.org>\r
        MIME-Version: 1.0\r
        Content-Type: \(contentType)\r
        \(extraHeaders)\r
        \(body)
        """.replacingOccurrences(of: "\r\n\r\n\r\n", with: "\r\n\r\n").utf8)
    }

    /// Distinct spam-like and ham-like messages (different words each), for training.
    static func spam(_ i: Int) -> [UInt8] {
        message(subject: "CHEAP PILLS \(i) ACT NOW", from: "deals\(i)@promo\(i).example",
                body: "Buy cheap viagra pills now \(i)! Click here http://192.0.2.\(i % 250)/buy \(i) money back guarantee\n")
    }

    static func ham(_ i: Int) -> [UInt8] {
        message(subject: "Re: build \(i) of the compiler", from: "Dev \(i) <dev\(i)@example.org>",
                extraHeaders: "In-Reply-To: <x\(i)@example.org>\r\n",
                body: "The compiler build \(i) passed the regression tests; patch attached to the ticket \(i).\n")
    }
}
