/// A command whose work is asynchronous. main.swift calls `runAsync()` by name: on an
/// `AsyncParsableCommand` existential, overload resolution would pick the synchronous
/// `run()` ArgumentParser provides.
protocol AsyncCommand {
    func runAsync() async throws
}
