import MailCore

/// Parses one command line (RFC 5321 §4.1.1 and the extensions). Pure and total: every
/// input gives a command or an `SMTPCommandError` carrying the reply to send.
public enum SMTPCommandParser {
    /// `line` is one line without its CRLF (a trailing CR or LF is tolerated and dropped).
    public static func parse(_ line: some Collection<UInt8>) throws(SMTPCommandError) -> SMTPCommand {
        var bytes = Array(line)
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }

        let verbEnd = bytes.firstIndex { $0 == 0x20 || $0 == 0x09 } ?? bytes.endIndex
        // Verbs are case-insensitive (RFC 5321 §2.4).
        let verb = String(decoding: bytes[..<verbEnd].map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
        guard knownVerbs.contains(verb) else {
            throw SMTPCommandError(.unknownCommand, "command not recognized")
        }
        // Arguments may carry UTF-8 (RFC 6531), but nothing else non-ASCII.
        guard let text = String(validating: bytes[verbEnd...], as: UTF8.self) else {
            throw SMTPCommandError(.syntax, "Syntax error: the command is not valid UTF-8")
        }
        let argument = trimmed(text)

        switch verb {
        case "EHLO", "HELO":
            guard !argument.isEmpty else { throw SMTPCommandError(.syntax, "Syntax: \(verb) hostname") }
            return verb == "EHLO" ? .ehlo(argument) : .helo(argument)
        case "MAIL":
            return try parseMail(argument)
        case "RCPT":
            return try parseRcpt(argument)
        case "DATA":
            try requireNoArgument(argument, verb)
            return .data
        case "BDAT":
            return try parseBDAT(argument)
        case "RSET":
            try requireNoArgument(argument, verb)
            return .rset
        case "NOOP":
            // RFC 5321 §4.1.1.9: a parameter string is ignored.
            return .noop
        case "QUIT":
            try requireNoArgument(argument, verb)
            return .quit
        case "VRFY", "EXPN":
            guard !argument.isEmpty else { throw SMTPCommandError(.syntax, "Syntax: \(verb) address") }
            return verb == "VRFY" ? .vrfy(argument) : .expn(argument)
        case "HELP":
            return .help(argument.isEmpty ? nil : argument)
        case "STARTTLS":
            // RFC 3207 §4: "501 Syntax error (no parameters allowed)".
            try requireNoArgument(argument, verb)
            return .startTLS
        case "AUTH":
            return try parseAuth(argument)
        default:
            throw SMTPCommandError(.unknownCommand, "command not recognized")
        }
    }

    public static func parse(_ line: String) throws(SMTPCommandError) -> SMTPCommand {
        try parse(Array(line.utf8))
    }

    private static let knownVerbs: Set<String> = [
        "EHLO", "HELO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP", "QUIT",
        "VRFY", "EXPN", "HELP", "STARTTLS", "AUTH",
    ]

    // MARK: MAIL / RCPT

    private static func parseMail(_ argument: String) throws(SMTPCommandError) -> SMTPCommand {
        guard let rest = dropPrefix("FROM:", of: argument) else {
            throw SMTPCommandError(.syntax, "Syntax: MAIL FROM:<address>")
        }
        let parsed: (path: SMTPPath, parameters: String)
        do {
            parsed = try SMTPPath.parseReversePath(rest)
        } catch {
            throw SMTPCommandError(.badSenderAddress, error.message)
        }
        return .mail(parsed.path, try SMTPMailParameters.parse(try splitParameters(parsed.parameters)))
    }

    private static func parseRcpt(_ argument: String) throws(SMTPCommandError) -> SMTPCommand {
        guard let rest = dropPrefix("TO:", of: argument) else {
            throw SMTPCommandError(.syntax, "Syntax: RCPT TO:<address>")
        }
        let parsed: (path: SMTPPath, parameters: String)
        do {
            parsed = try SMTPPath.parseForwardPath(rest)
        } catch {
            throw SMTPCommandError(.badRecipientAddress, error.message)
        }
        return .rcpt(parsed.path, try SMTPRecipientParameters.parse(try splitParameters(parsed.parameters)))
    }

    private static func splitParameters(_ text: String) throws(SMTPCommandError) -> ESMTPParameters {
        do {
            return try ESMTPParameters.parse(text)
        } catch {
            throw SMTPCommandError(.syntax, "Syntax error in parameters: \(error.message)")
        }
    }

    // MARK: BDAT (RFC 3030 §2)

    /// `"BDAT" SP chunk-size [ SP end-marker ]`. When the size is readable but the rest is
    /// not, the error still says how many octets follow, so the session can skip them.
    private static func parseBDAT(_ argument: String) throws(SMTPCommandError) -> SMTPCommand {
        let words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first, first.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let size = Int(first)
        else { throw SMTPCommandError(.syntax, "Syntax: BDAT size [LAST]") }
        switch words.count {
        case 1:
            return .bdat(size: size, last: false)
        case 2 where words[1].uppercased() == "LAST":
            return .bdat(size: size, last: true)
        default:
            throw SMTPCommandError(.syntax, "Syntax: BDAT size [LAST]", octetsToSkip: size)
        }
    }

    // MARK: AUTH (RFC 4954 §4)

    private static func parseAuth(_ argument: String) throws(SMTPCommandError) -> SMTPCommand {
        let words = argument.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (1...2).contains(words.count) else {
            throw SMTPCommandError(.syntax, "Syntax: AUTH mechanism [initial-response]")
        }
        let mechanism = words[0].uppercased()
        // RFC 4422 §3.1: sasl-mech = 1*20mech-char, mech-char = UPPER-ALPHA / DIGIT / "-" / "_".
        let isMechChar: (UInt8) -> Bool = {
            (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
        }
        guard mechanism.utf8.count <= 20, mechanism.utf8.allSatisfy(isMechChar) else {
            throw SMTPCommandError(.syntax, "Syntax: AUTH mechanism [initial-response]")
        }
        return .auth(mechanism: mechanism, initialResponse: words.count == 2 ? String(words[1]) : nil)
    }

    // MARK: Helpers

    private static func requireNoArgument(_ argument: String, _ verb: String) throws(SMTPCommandError) {
        guard argument.isEmpty else { throw SMTPCommandError(.syntax, "Syntax: \(verb) takes no parameters") }
    }

    /// The text after `prefix` (ASCII, case-insensitive), or nil.
    private static func dropPrefix(_ prefix: String, of text: String) -> String? {
        let utf8 = Array(text.utf8)
        let wanted = Array(prefix.utf8)
        guard utf8.count >= wanted.count else { return nil }
        for (b, w) in zip(utf8, wanted) {
            let upper = (0x61...0x7A).contains(b) ? b - 0x20 : b
            guard upper == w else { return nil }
        }
        return String(decoding: utf8[wanted.count...], as: UTF8.self)
    }

    private static func trimmed(_ text: String) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isBlank($0) }),
              let end = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[start...end])
    }
}
