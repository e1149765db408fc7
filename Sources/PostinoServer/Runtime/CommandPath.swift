import Foundation

/// How the banner writes commands so that they work as printed: `postino` when the
/// running binary is what the shell finds under that name on the PATH, else the binary's
/// full path (after `swift run postino serve` it lives in .build/, not on the PATH).
enum CommandPath {
    /// The running executable, symbolic links resolved.
    static var runningBinary: String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    /// `postino`, or the quoted full path of the running binary when the PATH would find
    /// another program (or none) under that name.
    static func postino(path: String? = ProcessInfo.processInfo.environment["PATH"], binary: String? = runningBinary) -> String {
        guard let binary else { return "postino" }
        for directory in (path ?? "").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/postino"
            guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
            // The first match is what the shell runs.
            return URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path == binary ? "postino" : shellQuoted(binary)
        }
        return shellQuoted(binary)
    }

    /// The text as one shell word: as it is when it needs no quoting, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+:@%,=")
        if !text.isEmpty, text.allSatisfy(plain.contains) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
