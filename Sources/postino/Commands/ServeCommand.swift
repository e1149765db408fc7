import ArgumentParser
import PostinoServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every mail service until SIGTERM or SIGINT.",
        discussion: """
        Services: smtp, submission, smtps, imap, imaps, pop3, pop3s, managesieve, admin.
        Default ports are the standard ones when run as root, else 2525, 2587, 2465, 2143,
        2993, 2110, 2995, 4190 and 8080 (admin on 127.0.0.1 only).
        """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Where a service listens: NAME=HOST:PORT, NAME=PORT or NAME=off (repeatable).", valueName: "NAME=HOST:PORT"))
    var listen: [String] = []

    @Flag(name: .long, help: "Write the mail and access logs to stdout instead of log/ in the data directory.")
    var logStdout = false

    mutating func run() async throws {
        try await serve()
    }

    /// Called by name from main.swift: overload resolution there would pick the
    /// synchronous `run()` that AsyncParsableCommand provides.
    func serve() async throws {
        let options = ServeOptions(dataDirectory: global.dataDirectory, listenOverrides: listen,
                                   logToStandardOutput: logStdout)
        try await ServerRuntime(options: options).run()
    }
}
