/// The block structure of a small Markdown subset: what legal disclaimers need.
public indirect enum MarkdownBlock: Sendable, Hashable {
    case heading(level: Int, [MarkdownInline])
    case paragraph([MarkdownInline])
    /// Items are block lists themselves (nested lists, several paragraphs).
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
    /// `---`, `***`, `___`.
    case thematicBreak
}

/// Inline content.
public indirect enum MarkdownInline: Sendable, Hashable {
    case text(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case code(String)
    /// `destination` is nil when the written one was not safe to link (see
    /// `MarkdownInlineParser.safeDestination`); the text is then shown alone.
    case link([MarkdownInline], destination: String?)
    /// Two trailing spaces or a backslash at the end of a line.
    case hardBreak
    /// A plain line end inside a paragraph.
    case softBreak
}
