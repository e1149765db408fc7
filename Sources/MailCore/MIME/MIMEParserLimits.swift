/// Bounds that keep parsing linear and memory bounded on hostile input.
public struct MIMEParserLimits: Sendable, Hashable {
    public var maximumDepth: Int
    public var maximumParts: Int

    public init(maximumDepth: Int = 50, maximumParts: Int = 10_000) {
        self.maximumDepth = maximumDepth
        self.maximumParts = maximumParts
    }

    public static let `default` = MIMEParserLimits()
}
