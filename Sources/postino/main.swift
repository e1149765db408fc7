import ArgumentParser
import Foundation
import PostinoServer

// Everything Postino creates is private to its user unless it says otherwise: files 0600,
// directories 0700 (issue 23, finding 2; logs 0640 and the certificate 0644 are explicit).
DataDirectoryPermissions.restrictProcessUmask()

// Custom entry point: every failure is ONE line on stderr and a non-zero exit (the CLI
// contract tests and scripts rely on), instead of ArgumentParser's usage dump.
do {
    var command = try PostinoCommand.parseAsRoot(LeadingDataOption.apply(to: Array(CommandLine.arguments.dropFirst())))
    if let serve = command as? ServeCommand {
        try await serve.serve()
    } else if let asyncCommand = command as? any AsyncCommand {
        try await asyncCommand.runAsync()
    } else {
        try command.run()
    }
} catch let code as ExitCode {
    exit(code.rawValue)  // the command already said what it had to
} catch {
    if PostinoCommand.exitCode(for: error) == .success {
        PostinoCommand.exit(withError: error)  // --help, --version: printed to stdout
    }
    let message = PostinoCommand.message(for: error)
        .split(separator: "\n").first.map(String.init) ?? "\(error)"
    FileHandle.standardError.write(Data("postino: \(message)\n".utf8))
    exit(PostinoCommand.exitCode(for: error).rawValue)
}
