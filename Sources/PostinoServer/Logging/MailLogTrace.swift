import Foundation

/// One line of the mail log, split the way `MailLogFormatter` wrote it.
public struct MailLogLine: Sendable, Hashable, Codable {
    public var time: String
    public var component: String
    public var queueID: String?
    public var text: String

    /// `2026-12-06T21:41:19.731735+00:00 host postino/filter[20027]: QID: text`
    public init?(_ line: Substring) {
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[2].hasSuffix("]:"), let bracket = fields[2].lastIndex(of: "[") else { return nil }
        time = String(fields[0])
        component = String(fields[2][..<bracket])
        var rest = fields[3]
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].count == 12,
           rest[..<colon].allSatisfy({ $0.isUppercase || $0.isNumber }),
           rest[rest.index(after: colon)...].hasPrefix(" ") {
            queueID = String(rest[..<colon])
            rest = rest[rest.index(colon, offsetBy: 2)...]
        }
        text = String(rest)
    }
}

/// A message's story from the mail log (SPEC 10: `grep QID`): every line with its QID, the
/// QID found from a Message-ID or an address, and the messages it led to (delivery
/// notices, redirects, vacation replies) followed as their own timelines.
public struct MailLogTrace: Sendable {
    public let lines: [MailLogLine]

    public init(text: String) {
        lines = text.split(separator: "\n").compactMap(MailLogLine.init)
    }

    /// The QIDs a query names: a QID itself, the QIDs whose `message-id=` is the query,
    /// or the QIDs with `from=<query>` / `to=<query>` lines.
    public func queueIDs(for query: String) -> [String] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        var found: [String] = []
        func add(_ id: String?) { if let id, !found.contains(id) { found.append(id) } }
        if trimmed.count == 12, lines.contains(where: { $0.queueID == trimmed }) { return follow([trimmed]) }
        let bare = trimmed.hasPrefix("<") && trimmed.hasSuffix(">") ? String(trimmed.dropFirst().dropLast()) : trimmed
        for line in lines {
            if line.text == "message-id=<\(bare)>" || line.text == "message-id=\(bare)" { add(line.queueID) }
            let lower = line.text.lowercased(), address = bare.lowercased()
            if lower.contains("from=<\(address)>") || lower.contains("to=<\(address)>") { add(line.queueID) }
        }
        return follow(found)
    }

    /// The QIDs and those their lines name as queued from them ("notification: QID",
    /// "queued as QID").
    func follow(_ start: [String]) -> [String] {
        var result = start
        var index = 0
        while index < result.count {
            let id = result[index]
            for line in lines where line.queueID == id {
                for marker in ["notification: ", "queued as "] {
                    guard let range = line.text.range(of: marker) else { continue }
                    let child = String(line.text[range.upperBound...].prefix(12))
                    if child.count == 12, !result.contains(child) { result.append(child) }
                }
            }
            index += 1
        }
        return result
    }

    /// The lines of each QID, in log order.
    /// With `since`, a QID with no line in the window is left out.
    public func timelines(for query: String, since: String? = nil) -> [(queueID: String, lines: [MailLogLine])] {
        queueIDs(for: query).compactMap { id in
            let found = lines.filter { line in line.queueID == id && (since.map { line.time >= $0 } ?? true) }
            return since != nil && found.isEmpty ? nil : (id, found)
        }
    }
}
