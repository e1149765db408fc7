/// A position in a Sieve script: 1-based line and column (columns count characters).
public struct SieveSourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = SieveSourceLocation(line: 1, column: 1)

    public var description: String { "line \(line), column \(column)" }
}
