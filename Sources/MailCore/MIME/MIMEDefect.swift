/// Irregularities the parser worked around.
public enum MIMEDefect: Sendable, Hashable {
    /// A header line was neither a field nor followed by a blank line; the body starts there.
    case missingHeaderBodySeparator
    /// multipart/* without a usable boundary parameter: parsed as a leaf.
    case missingBoundary
    /// No delimiter line for the boundary (RFC 2046 §5.1.1): parsed as a leaf.
    case missingStartBoundary
    /// The body ended without the close delimiter.
    case missingCloseBoundary
    /// Nesting deeper than `MIMEParserLimits.maximumDepth`: this body is kept opaque.
    case depthLimitReached
    /// More entities than `MIMEParserLimits.maximumParts`: the rest is kept opaque.
    case partLimitReached
}
