import Foundation

/// A JSON summary of a message's headers and MIME structure, for `postino message
/// inspect` and for comparing the parser with other implementations.
///
/// Keys: `subject` (decoded, or null), `from`/`to`/`cc` (addr-specs of the first field
/// of that name), `date` and `message_id` (raw values trimmed, or null), and `parts`:
/// every entity in `MIMEPart.walk()` order, each with `path` (the IMAP part number;
/// an encapsulated message carries the number of the message/rfc822 part holding it,
/// see `MIMEPart.partNumber`), `content_type`, `charset`, `disposition` ("inline",
/// "attachment" or null), `filename`, `encoding` (lower-case Content-Transfer-Encoding
/// or null) and `size` (decoded body bytes for leaves, raw body bytes for containers).
public enum MessageInspector {
    public static func inspect(_ bytes: [UInt8]) -> [String: Any] {
        inspect(Message(bytes: bytes))
    }

    public static func inspect(_ message: Message) -> [String: Any] {
        func addresses(_ name: String) -> [String] {
            message.mailboxes(in: name).map { $0.address.description }
        }
        return [
            "subject": message.subject ?? NSNull(),
            "from": addresses("From"),
            "to": addresses("To"),
            "cc": addresses("Cc"),
            "date": message.date ?? NSNull(),
            "message_id": message.messageID ?? NSNull(),
            "parts": message.allParts.map(describe),
        ]
    }

    static func describe(_ part: MIMEPart) -> [String: Any] {
        let size: Int
        switch part.content {
        case .single: size = part.decodedBody().count
        case .multipart, .message: size = part.bodyRange.count
        }
        return [
            "path": part.partNumber,
            "content_type": part.mimeType,
            "charset": part.charset ?? NSNull(),
            "disposition": part.contentDisposition?.kind?.rawValue ?? NSNull(),
            "filename": part.filename ?? NSNull(),
            "encoding": part.transferEncoding?.name ?? NSNull(),
            "size": size,
        ]
    }

    /// One-line JSON with sorted keys; `file`, when given, is added as key "file" (the
    /// JSON Lines form used when several files are inspected).
    public static func jsonString(_ bytes: [UInt8], file: String? = nil) -> String {
        var object = inspect(bytes)
        if let file { object["file"] = file }
        return jsonString(object)
    }

    public static func jsonString(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
