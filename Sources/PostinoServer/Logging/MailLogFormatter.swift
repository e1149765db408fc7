import Foundation

/// Formats a line the way administrators grep mail logs:
/// `timestamp host component[pid]: QID: text` (the QID part only when there is one).
/// The timestamp is RFC 3339 with microseconds and offset, as modern syslog writes it,
/// because the classic `Nov 22 10:00:00` has no year and sorts badly.
public struct MailLogFormatter: Sendable {
    public let hostname: String
    public let pid: Int32

    public init(hostname: String, pid: Int32 = ProcessInfo.processInfo.processIdentifier) {
        self.hostname = hostname
        self.pid = pid
    }

    public func format(date: Date, component: String, queueID: String?, text: String) -> String {
        format(time: Self.timestamp(date), component: component, queueID: queueID, body: Self.escapeControlCharacters(text))
    }

    /// A line of an already formatted time and escaped text (`escapeControlCharacters`).
    func format(time: String, component: String, queueID: String?, body: String) -> String {
        let prefix = "\(time) \(hostname) \(component)[\(pid)]: "
        if let queueID, !queueID.isEmpty { return prefix + queueID + ": " + body }
        return prefix + body
    }

    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        let micros = Int((date.timeIntervalSince1970 - Double(seconds)) * 1_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let offset = parts.tm_gmtoff / 60
        let sign = offset < 0 ? "-" : "+"
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06d%@%02d:%02d",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros,
                      sign, abs(offset) / 60, abs(offset) % 60)
    }

    /// A log line is one line: control characters from clients are escaped.
    static func escapeControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += String(format: "\\x%02X", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
