import ArgumentParser
import Foundation
import MailAuth

extension MessageCommand {
    /// `postino message disclaimer FILE --markdown-file MD`.
    struct AddDisclaimer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disclaimer",
            abstract: "Print the message with a Markdown disclaimer added to its text and HTML bodies.",
            discussion: """
            Signed or encrypted messages and messages that already carry a DKIM signature are left
            alone: the reason is printed on stderr and the exit status is 2.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("An RFC 5322 message file.", valueName: "FILE")) var file: String
        @Option(name: .customLong("markdown-file"), help: ArgumentHelp("The disclaimer, in Markdown (UTF-8).", valueName: "MD"))
        var markdownFile: String

        func run() throws {
            guard let message = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            guard let markdown = try? String(contentsOfFile: markdownFile, encoding: .utf8) else {
                throw CLIError("cannot read disclaimer file \(markdownFile) (missing or not UTF-8)")
            }
            switch DisclaimerInserter(markdown: markdown).apply(to: [UInt8](message)) {
            case .inserted(let bytes, _):
                FileHandle.standardOutput.write(Data(bytes))
            case .unchanged(let reason):
                FileHandle.standardError.write(Data("postino: message left unchanged: \(reason)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
