/// Runs a compiled script on one message.
///
/// ```swift
/// let outcome = SieveInterpreter(script: script, environment: env)
///     .run(message: SieveMessage(bytes: raw), envelope: SieveEnvelope(from: "a@b", to: "me@c"))
/// for action in outcome.deliveryActions { … }
/// ```
/// Pure: it reads the message and the environment and returns what to do. It never
/// fails: a runtime error (action conflict, limit, bad redirect address…) comes back in
/// `outcome.error` with the implicit keep set, so the message lands in INBOX.
public struct SieveInterpreter: Sendable {
    public let script: SieveScript
    public let environment: SieveEnvironment

    public init(script: SieveScript, environment: SieveEnvironment = SieveEnvironment()) {
        self.script = script
        self.environment = environment
    }

    public func run(message: SieveMessage, envelope: SieveEnvelope) -> SieveOutcome {
        var execution = SieveExecution(script: script, environment: environment, message: message, envelope: envelope)
        do {
            _ = try execution.runScript()
        } catch {
            return SieveOutcome(actions: [], implicitKeep: true, implicitKeepFlags: [], editedHeader: nil,
                                duplicateMarks: [], vacationSuppressed: execution.vacationSuppressed,
                                error: error, warnings: execution.warnings)
        }
        return execution.outcome
    }
}
