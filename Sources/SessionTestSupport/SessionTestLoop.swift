#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Drives a pure session in unit tests the way the NIO driver and the stores would: feeds
/// an event, hands each action to the test's stand-in for the server, feeds the answers it
/// gives back in, in order, and asks for one more event when nothing is left (a stream's
/// next chunk). The SMTP, POP3 and ManageSieve test clients each keep their own records
/// and policies; this is the loop they share.
public enum SessionTestLoop {
    public static func run<Event, Action>(_ first: Event, handle: (Event) -> [Action],
                                          react: (Action) -> Event?, whenIdle: () -> Event? = { nil }) {
        var queue = [first]
        while !queue.isEmpty {
            let event = queue.removeFirst()
            for action in handle(event) {
                if let answer = react(action) { queue.append(answer) }
            }
            if queue.isEmpty, let next = whenIdle() { queue.append(next) }
        }
    }

    /// The lines of what a session wrote, without CRLF; a last line without CRLF is kept
    /// as it is.
    public static func lines(_ written: [UInt8]) -> [String] {
        var lines = String(decoding: written, as: UTF8.self).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
