import Testing
@testable import IMAPProtocol

/// Frames and parses one command, accepting every literal.
func parse(_ text: String) throws(IMAPParseError) -> IMAPCommand {
    try IMAPCommandParser.parse(text)
}

/// The parse error for `text`, or nil when it parses.
func parseError(_ text: String) -> IMAPParseError? {
    do {
        _ = try IMAPCommandParser.parse(text)
        return nil
    } catch {
        return error
    }
}

func encode(_ response: IMAPResponse) -> String {
    String(decoding: IMAPResponseEncoder.encode(response), as: UTF8.self)
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
