/// Why a script does not compile: where, and what is wrong, in plain words.
///
/// `description` is "line L, column C: message", the form `postino sieve check` prints
/// and ManageSieve returns.
public struct SieveCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SieveSourceLocation
    public var message: String

    public init(_ message: String, at location: SieveSourceLocation) {
        self.message = message
        self.location = location
    }

    public var line: Int { location.line }
    public var column: Int { location.column }
    public var description: String { "\(location): \(message)" }
}
