import Foundation

/// The `key=value` fields of a mail-log text, in the Postfix form the log writes:
/// `client=unknown[192.0.2.1], tls=TLSv1.3, sasl_username=alice`,
/// `from=<a@b>, size=1234, nrcpt=2 (queue active)`,
/// `to=<c@d>, relay=mx.d[192.0.2.2]:25, delay=0.31, status=sent (250 2.0.0 Ok)`,
/// `filter: action=accept score=1.5 …`, `reject: … 552 5.3.4 …; from=<a@b>`.
public struct MessageEventFields: Sendable, Hashable, Codable {
    public var client: String?
    public var tls: String?
    public var authUser: String?
    public var sender: String?
    public var recipient: String?
    public var relay: String?
    /// sent, deferred or bounced.
    public var status: String?
    /// The text in parentheses after the status: the remote server's reply or the reason.
    public var reply: String?
    public var messageID: String?
    /// The filter's action (accept, flag, quarantine, reject…).
    public var action: String?
    public var size: Int?
    /// Seconds from receipt to this delivery attempt (`delay=`).
    public var delay: Double?
    /// A message queued from this one (a notice: "notification: QID", "queued as QID").
    public var child: String?

    public init() {}

    public init(text: String) {
        if text.hasPrefix("message-id=") {
            messageID = Self.bare(String(text.dropFirst("message-id=".count)))
            return
        }
        sender = Self.angle(after: "from=<", in: text)
        recipient = Self.angle(after: "to=<", in: text)
        client = Self.value(of: "client", in: text)
        tls = Self.value(of: "tls", in: text)
        authUser = Self.value(of: "sasl_username", in: text)
        relay = Self.value(of: "relay", in: text)
        action = Self.value(of: "action", in: text)
        size = Self.value(of: "size", in: text).flatMap { Int($0) }
        delay = Self.value(of: "delay", in: text).flatMap { Double($0) }
        if let status = Self.value(of: "status", in: text) {
            self.status = status
            if let range = text.range(of: "status=\(status) ("), text.hasSuffix(")") {
                reply = String(text[range.upperBound..<text.index(before: text.endIndex)])
            }
        }
        for marker in ["notification: ", "queued as "] {
            guard let range = text.range(of: marker) else { continue }
            let id = text[range.upperBound...].prefix(while: { $0.isLetter || $0.isNumber })
            if id.count == 12, id.allSatisfy({ $0.isUppercase || $0.isNumber }) { child = String(id); break }
        }
    }

    /// A Message-ID without its angle brackets.
    public static func bare(_ id: String) -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), trimmed.count >= 2 { return String(trimmed.dropFirst().dropLast()) }
        return trimmed
    }

    /// The address in `marker…>` (`from=<` / `to=<`); nil when absent, "" for `<>`.
    static func angle(after marker: String, in text: String) -> String? {
        var search = text[...]
        while let range = search.range(of: marker) {
            // A whole key: at the start or after a space, comma or semicolon.
            let atStart = range.lowerBound == text.startIndex || [" ", ",", ";"].contains(text[text.index(before: range.lowerBound)])
            if atStart, let end = text[range.upperBound...].firstIndex(of: ">") {
                return String(text[range.upperBound..<end])
            }
            search = text[range.upperBound...]
        }
        return nil
    }

    /// The value of `key=` up to a comma, space or semicolon.
    static func value(of key: String, in text: String) -> String? {
        var search = text[...]
        while let range = search.range(of: key + "=") {
            let atStart = range.lowerBound == text.startIndex || [" ", ",", ";"].contains(text[text.index(before: range.lowerBound)])
            if atStart {
                let value = text[range.upperBound...].prefix(while: { $0 != "," && $0 != " " && $0 != ";" })
                return value.isEmpty ? nil : String(value)
            }
            search = text[range.upperBound...]
        }
        return nil
    }
}
