// Fuzz target `sieve`: the Sieve lexer, parser and validator, and the interpreter running
// what compiles against a message. The input is the script, then (after the first NUL)
// the message.
import Foundation
@testable import MailCore
@testable import Sieve

private let sieveEnvironment = SieveEnvironment(
    userAddresses: ["me@example.com"], currentDate: Date(timeIntervalSince1970: 1_743_500_000),
    timeZone: TimeZone(secondsFromGMT: 3600) ?? TimeZone(identifier: "UTC")!,
    spamScore: 4.5, mailboxExists: { ["INBOX", "Archive"].contains($0) },
    loadScript: { name, _ in name == "lib" ? "require \"variables\"; set \"x\" \"1\";" : nil })

private let defaultMessage = Array("From: a@example.org\r\nTo: me@example.com\r\nSubject: hi\r\n\r\nbody\r\n".utf8)

func fuzzSieve(_ data: [UInt8]) {
    let split = data.firstIndex(of: 0) ?? data.endIndex
    let source = String(decoding: data[..<split], as: UTF8.self)
    let message = split < data.endIndex ? Array(data[data.index(after: split)...]) : defaultMessage
    let script: SieveScript
    do {
        script = try SieveCompiler.compile(source, name: "fuzz")
    } catch {
        fuzzCheck(error.line >= 1 && error.column >= 1, "compile errors have a position")
        return
    }
    let outcome = SieveInterpreter(script: script, environment: sieveEnvironment)
        .run(message: SieveMessage(bytes: message), envelope: SieveEnvelope(from: "sender@example.org", to: "me@example.com"))
    // Delivery always has something to do: a store, a redirect, a reject or a discard.
    fuzzCheck(!outcome.deliveryActions.isEmpty || outcome.error != nil || outcome.implicitKeep, "an outcome for delivery")
}
