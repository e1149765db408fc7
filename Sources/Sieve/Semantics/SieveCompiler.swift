/// Compiles Sieve scripts: lexing, parsing, `require` and argument validation.
///
/// ```swift
/// let script = try SieveCompiler.compile(source, name: "main")
/// ```
/// Errors are `SieveCompileError`s with a 1-based line and column.
public struct SieveCompiler: Sendable {
    /// The capabilities scripts may require; others are "unsupported extension" errors.
    public var extensions: Set<SieveExtension>
    public var limits: SieveLimits

    public init(extensions: Set<SieveExtension> = Set(SieveExtension.allCases), limits: SieveLimits = .default) {
        self.extensions = extensions
        self.limits = limits
    }

    /// Compiles with every extension available and the default limits.
    public static func compile(_ source: String, name: String) throws(SieveCompileError) -> SieveScript {
        try SieveCompiler().compile(source, name: name)
    }

    public func compile(_ source: String, name: String) throws(SieveCompileError) -> SieveScript {
        if source.utf8.count > limits.maximumScriptSize {
            throw SieveCompileError("the script is \(source.utf8.count) bytes long; the limit is \(limits.maximumScriptSize)",
                                    at: .start)
        }
        let tree = try SieveParser.parse(source, limits: limits)
        var validator = SieveValidator(available: extensions, limits: limits)
        let commands = try validator.validate(tree)
        return SieveScript(name: name, requiredExtensions: validator.required, warnings: validator.warnings.items,
                           commands: commands)
    }
}
