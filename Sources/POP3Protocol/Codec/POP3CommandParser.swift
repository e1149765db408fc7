/// Parses one command line (without its CRLF). Pure and total: every input gives a
/// command or a `POP3CommandError`.
public enum POP3CommandParser {
    public static func parse(_ line: some Collection<UInt8>) throws(POP3CommandError) -> POP3Command {
        var bytes = Array(line)
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }

        let keywordEnd = bytes.firstIndex(of: 0x20) ?? bytes.endIndex
        // Keywords are case-insensitive (RFC 1939 §3).
        let keyword = String(decoding: bytes[..<keywordEnd].map(asciiUppercased), as: UTF8.self)
        let rest = keywordEnd < bytes.endIndex ? bytes[(keywordEnd + 1)...] : []
        // Arguments are printable ASCII in RFC 1939; UTF-8 is tolerated for user names and
        // passwords, anything else is refused.
        guard let argumentText = String(validating: rest, as: UTF8.self) else {
            throw knownKeywords.contains(keyword) ? .syntax("arguments are not valid UTF-8") : .unknownCommand
        }
        // Separators are single spaces (RFC 1939 §3); runs of spaces are tolerated.
        let arguments = argumentText.split(separator: " ").map(String.init)

        switch keyword {
        case "USER":
            guard let name = nonEmpty(argumentText.trimmingSpaces) else { throw .syntax("USER name") }
            return .user(name)
        case "PASS":
            // The password is the rest of the line, spaces included (RFC 1939 §7).
            guard !argumentText.isEmpty else { throw .syntax("PASS password") }
            return .pass(argumentText)
        case "AUTH":
            guard arguments.count <= 2 else { throw .syntax("AUTH mechanism [initial-response]") }
            return .auth(mechanism: arguments.first.map(asciiUppercased), initialResponse: arguments.dropFirst().first)
        case "CAPA": try noArguments(arguments, keyword); return .capa
        case "STLS": try noArguments(arguments, keyword); return .stls
        case "STAT": try noArguments(arguments, keyword); return .stat
        case "NOOP": try noArguments(arguments, keyword); return .noop
        case "RSET": try noArguments(arguments, keyword); return .rset
        case "QUIT": try noArguments(arguments, keyword); return .quit
        case "LIST", "UIDL":
            guard arguments.count <= 1 else { throw .syntax("\(keyword) [message-number]") }
            let number = try arguments.first.map { argument throws(POP3CommandError) in try messageNumber(argument) }
            return keyword == "LIST" ? .list(number) : .uidl(number)
        case "RETR", "DELE":
            guard arguments.count == 1 else { throw .syntax("\(keyword) message-number") }
            let number = try messageNumber(arguments[0])
            return keyword == "RETR" ? .retr(number) : .dele(number)
        case "TOP":
            guard arguments.count == 2 else { throw .syntax("TOP message-number lines") }
            let number = try messageNumber(arguments[0])
            guard let lines = decimal(arguments[1]) else { throw .syntax("TOP lines must be a non-negative number") }
            return .top(number, lines: lines)
        default:
            throw .unknownCommand
        }
    }

    public static func parse(_ line: String) throws(POP3CommandError) -> POP3Command {
        try parse(Array(line.utf8))
    }

    static let knownKeywords: Set<String> = [
        "USER", "PASS", "AUTH", "CAPA", "STLS", "STAT", "LIST", "UIDL", "RETR", "TOP", "DELE",
        "NOOP", "RSET", "QUIT",
    ]

    private static func noArguments(_ arguments: [String], _ keyword: String) throws(POP3CommandError) {
        guard arguments.isEmpty else { throw .syntax("\(keyword) takes no argument") }
    }

    /// RFC 1939 §3: message numbers start at 1. Zero is a valid number that names no message.
    private static func messageNumber(_ text: String) throws(POP3CommandError) -> Int {
        guard let value = decimal(text) else { throw .syntax("invalid message number") }
        return value
    }

    /// Plain decimal digits; a value past `Int.max` saturates instead of overflowing.
    static func decimal(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        var value = 0
        for digit in text.utf8 {
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = shifted.addingReportingOverflow(Int(digit - 0x30))
            if overflowA || overflowB { return Int.max }
            value = sum
        }
        return value
    }

    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func asciiUppercased(_ byte: UInt8) -> UInt8 {
        (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
    }

    private static func asciiUppercased(_ text: String) -> String {
        String(decoding: text.utf8.map(asciiUppercased), as: UTF8.self)
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " }),
              let end = scalars.lastIndex(where: { $0 != " " }) else { return "" }
        return String(scalars[start...end])
    }
}
