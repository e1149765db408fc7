import ArgumentParser
import Foundation
import MailCore

struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Work with message files.", subcommands: [Inspect.self, AddDisclaimer.self])

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Print a parsed message as JSON: headers, addresses and every MIME part.",
            discussion: "With several files, prints one JSON object per line (JSON Lines) with a \"file\" key, in order.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("RFC 5322 message files.", valueName: "FILE")) var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one message FILE") }
        }

        func run() throws {
            if files.count == 1 {
                let bytes = try read(files[0])
                print(MessageInspector.jsonString(bytes))
                return
            }
            for file in files {
                let bytes = try read(file)
                print(MessageInspector.jsonString(bytes, file: file))
            }
        }

        private func read(_ path: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read \(path)")
            }
            return [UInt8](data)
        }
    }
}
