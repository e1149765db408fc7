/// A Markdown document (the subset disclaimers use: paragraphs, line breaks, emphasis,
/// strong emphasis, links, inline code, lists and headings) and its two renderings.
public struct MarkdownDocument: Sendable, Hashable {
    /// Longer sources are cut: a disclaimer is a few paragraphs.
    public static let maximumLength = 64 * 1024

    public let blocks: [MarkdownBlock]

    public init(parsing markdown: String) {
        let source = markdown.utf8.count > Self.maximumLength ? String(markdown.prefix(Self.maximumLength)) : markdown
        blocks = MarkdownBlockParser.parse(source)
    }

    /// An HTML fragment, ASCII only (non-ASCII as character references), HTML-escaped.
    public var html: String { MarkdownHTMLRenderer.render(blocks) }

    /// Plain text with LF line ends.
    public var plainText: String { MarkdownTextRenderer.render(blocks) }
}
