/// Renders Markdown blocks as plain text for text/plain parts: markup removed, the
/// author's line breaks kept, list items marked with `-` or their number, links
/// followed by their address in angle brackets.
enum MarkdownTextRenderer {
    static func render(_ blocks: [MarkdownBlock]) -> String {
        blocks.map { render($0) }.joined(separator: "\n\n")
    }

    private static func render(_ block: MarkdownBlock) -> String {
        switch block {
        case .heading(_, let inlines), .paragraph(let inlines):
            return render(inlines)
        case .thematicBreak:
            return String(repeating: "-", count: 20)
        case .list(let ordered, let start, let items):
            var lines: [String] = []
            for (offset, item) in items.enumerated() {
                let marker = ordered ? "\(start.addingReportingOverflow(offset).partialValue). " : "- "
                let indent = String(repeating: " ", count: marker.count)
                // Tight items: blocks of an item on consecutive lines.
                let body = item.map { render($0) }.joined(separator: "\n")
                for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    lines.append((index == 0 ? marker : (line.isEmpty ? "" : indent)) + line)
                }
                if body.isEmpty { lines.append(String(marker.dropLast())) }
            }
            return lines.joined(separator: "\n")
        }
    }

    static func render(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        for inline in inlines {
            switch inline {
            case .text(let text): out += text
            case .emphasis(let inner), .strong(let inner): out += render(inner)
            case .code(let code): out += code
            case .link(let label, let destination):
                let text = render(label)
                out += text
                if let destination {
                    let shown = destination.hasPrefix("mailto:") ? String(destination.dropFirst(7)) : destination
                    if shown != text { out += " <\(shown)>" }
                }
            case .hardBreak, .softBreak: out += "\n"
            }
        }
        return out
    }
}
