/// Renders Markdown blocks as an HTML fragment.
///
/// The output is pure ASCII: markup-significant characters are escaped and every
/// non-ASCII character is a numeric reference, so the fragment can be inserted into an
/// HTML part whatever charset that part declares.
enum MarkdownHTMLRenderer {
    static func render(_ blocks: [MarkdownBlock]) -> String {
        blocks.map(render).joined(separator: "\n")
    }

    private static func render(_ block: MarkdownBlock) -> String {
        switch block {
        case .heading(let level, let inlines):
            return "<h\(level)>\(render(inlines))</h\(level)>"
        case .paragraph(let inlines):
            return "<p>\(render(inlines))</p>"
        case .thematicBreak:
            return "<hr>"
        case .list(let ordered, let start, let items):
            let open = ordered ? (start == 1 ? "<ol>" : "<ol start=\"\(start)\">") : "<ul>"
            let rendered = items.map { item -> String in
                // A tight item (one paragraph) is rendered without <p>.
                if item.count == 1, case .paragraph(let inlines) = item[0] { return "<li>\(render(inlines))</li>" }
                return "<li>\n\(render(item))\n</li>"
            }
            return ([open] + rendered + [ordered ? "</ol>" : "</ul>"]).joined(separator: "\n")
        }
    }

    static func render(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let text): out += escape(text)
            case .emphasis(let inner): out += "<em>\(render(inner))</em>"
            case .strong(let inner): out += "<strong>\(render(inner))</strong>"
            case .code(let code): out += "<code>\(escape(code))</code>"
            case .link(let label, let destination):
                if let destination {
                    out += "<a href=\"\(escapeURL(destination))\">\(render(label))</a>"
                } else {
                    out += render(label)
                }
            case .hardBreak: out += "<br>\n"
            case .softBreak: out += "\n"
            }
        }
        return out
    }

    /// Text content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.isASCII {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
                }
            }
        }
        return out
    }

    /// An href: non-ASCII and spaces percent-encoded (UTF-8), then attribute-escaped.
    private static func escapeURL(_ url: String) -> String {
        var encoded = ""
        for byte in url.utf8 {
            if byte > 0x20, byte < 0x7F {
                encoded.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escape(encoded)
    }
}
