import Foundation
import MailCore

/// The texts the body test compares (RFC 5173 §5).
enum BodyExtractor {
    /// :raw — the body as transmitted, undecoded (RFC 5173 §5.1).
    static func raw(_ message: Message) -> [String] {
        [String(decoding: message.bytes[message.bodyRange], as: UTF8.self)]
    }

    /// :content — the decoded bodies of the leaf parts whose type matches one of `types`
    /// ("type", "type/subtype", or "" for all), RFC 5173 §5.2.
    static func content(_ message: Message, types: [String]) -> [String] {
        let wanted = types.map { $0.sieveTrimmed.lowercased() }
        var texts: [String] = []
        for part in message.allParts where wanted.contains(where: { matches(part, $0) }) {
            switch part.content {
            case .single: texts.append(text(of: part))
            // RFC 5173 §5.2: a multipart offers its prologue and epilogue.
            case .multipart: texts.append(contentsOf: prologueAndEpilogue(part))
            // RFC 5173 §5.2: "If the :content specification matches a message/rfc822 MIME
            // part, only the header of the nested message will be searched for the key
            // strings, treating the header as a single string"; its body parts come next in
            // the walk and count only if their own types match.
            case .message(let inner) where ["message/rfc822", "message/global"].contains(part.mimeType):
                texts.append(String(decoding: inner.headerBytes, as: UTF8.self))
            // "For other MIME types, the entire part will be searched as a single string."
            case .message: texts.append(text(of: part))
            }
        }
        return texts
    }

    /// :text — the text of every text/* part, HTML reduced to its text (RFC 5173 §5.3).
    static func text(_ message: Message) -> [String] {
        var texts: [String] = []
        for part in message.allParts {
            guard case .single = part.content, part.contentType.type == "text" else { continue }
            let decoded = part.decodedText()
            texts.append(part.contentType.subtype == "html" ? stripHTML(decoded) : decoded)
        }
        return texts
    }

    /// The text before the first delimiter line and after the close delimiter.
    static func prologueAndEpilogue(_ part: MIMEPart) -> [String] {
        guard let boundary = part.contentType.boundary else { return [] }
        let body = String(decoding: part.bodyBytes, as: UTF8.self)
        let lines = body.components(separatedBy: "\n")
        var prologue: [String] = []
        var epilogue: [String] = []
        var state = 0  // 0 prologue, 1 parts, 2 epilogue
        for line in lines {
            let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if state < 2, trimmed.hasPrefix("--" + boundary) {
                let rest = trimmed.dropFirst(2 + boundary.count)
                state = rest.hasPrefix("--") ? 2 : 1
                continue
            }
            if state == 0 { prologue.append(line) } else if state == 2 { epilogue.append(line) }
        }
        return [prologue.joined(separator: "\n"), epilogue.joined(separator: "\n")].filter { !$0.isEmpty }
    }

    private static func matches(_ part: MIMEPart, _ type: String) -> Bool {
        if type.isEmpty { return true }
        if type.contains("/") { return part.mimeType == type }
        return part.contentType.type == type
    }

    private static func text(of part: MIMEPart) -> String {
        if part.contentType.type == "text" { return part.decodedText() }
        return String(decoding: part.decodedBody(), as: UTF8.self)
    }

    /// Tags removed, the common entities decoded; script and style contents dropped.
    static func stripHTML(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tagName = ""
        var skipping: String?
        var readingName = false
        for ch in html {
            if inTag {
                if readingName {
                    if ch.isLetter || ch == "/" { tagName.append(ch) } else { readingName = false }
                }
                if ch == ">" {
                    inTag = false
                    let name = tagName.lowercased()
                    if let skip = skipping {
                        if name == "/" + skip { skipping = nil }
                    } else if name == "script" || name == "style" {
                        skipping = name
                    } else if ["br", "p", "/p", "div", "/div", "tr", "li"].contains(name) {
                        out.append("\n")
                    }
                }
                continue
            }
            if ch == "<" {
                inTag = true
                tagName = ""
                readingName = true
                continue
            }
            if skipping == nil { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
