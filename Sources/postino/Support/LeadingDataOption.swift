import Foundation

/// `postino --data DIR settings list`: `--data` given before the subcommand, as the README
/// promises every command takes it. ArgumentParser only knows options after the
/// subcommand that declares them, so a leading `--data DIR` (or `--data=DIR`) is taken off
/// the arguments and becomes `$POSTINO_DATA`, which every command reads when it has no
/// `--data` of its own (one given after the subcommand still wins).
enum LeadingDataOption {
    static func extract(_ arguments: [String]) -> (arguments: [String], data: String?) {
        guard let first = arguments.first else { return (arguments, nil) }
        if first == "--data", arguments.count >= 2 {
            return (Array(arguments.dropFirst(2)), arguments[1])
        }
        if first.hasPrefix("--data=") {
            return (Array(arguments.dropFirst()), String(first.dropFirst("--data=".count)))
        }
        return (arguments, nil)
    }

    /// The arguments to parse, after moving a leading `--data` into the environment.
    static func apply(to arguments: [String]) -> [String] {
        let (rest, data) = extract(arguments)
        if let data { setenv("POSTINO_DATA", data, 1) }
        return rest
    }
}
