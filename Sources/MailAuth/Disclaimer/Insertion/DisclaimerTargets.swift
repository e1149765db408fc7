import MailCore

/// Chooses the parts that carry the message text, which is where a disclaimer goes:
///
/// - a text/plain, text/html or text/enriched body that is not an attachment;
/// - in multipart/alternative, every alternative (the reader sees only one);
/// - in multipart/related, its root part (RFC 2387 §3.2: `start`, else the first);
/// - in multipart/mixed and other multiparts, the first part that yields a text body
///   (the body comes first, attachments after it).
///
/// Attachments, forwarded messages (message/*) and reports (multipart/report, whose
/// parts are machine-readable) are never chosen.
enum DisclaimerTargets {
    static let maximumDepth = 16

    static func select(in part: MIMEPart, depth: Int = 0) -> [MIMEPart] {
        guard depth < maximumDepth, part.contentDisposition?.kind != .attachment else { return [] }
        switch part.mimeType {
        case "text/plain", "text/html", "text/enriched":
            return part.isMultipart ? [] : [part]
        case "multipart/alternative":
            return part.children.flatMap { select(in: $0, depth: depth + 1) }
        case "multipart/related":
            return relatedRoot(part).map { select(in: $0, depth: depth + 1) } ?? []
        case "multipart/report", "multipart/signed", "multipart/encrypted":
            return []
        default:
            guard part.isMultipart else { return [] }
            for child in part.children {
                let found = select(in: child, depth: depth + 1)
                if !found.isEmpty { return found }
            }
            return []
        }
    }

    private static func relatedRoot(_ part: MIMEPart) -> MIMEPart? {
        if let start = part.contentType.parameters["start"]?.trimmingFWSString(), !start.isEmpty {
            if let root = part.children.first(where: { $0.header.value(of: "Content-ID")?.trimmingFWSString() == start }) {
                return root
            }
        }
        return part.children.first
    }
}

extension String {
    func trimmingFWSString() -> String { String(decoding: Array(utf8).trimmingFWS(), as: UTF8.self) }
}
