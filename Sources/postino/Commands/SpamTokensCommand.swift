import Antispam
import ArgumentParser
import Foundation

/// `postino spam tokens FILE…`: the Bayes tokens of messages, to see what Bayes sees.
struct SpamTokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Print the Bayes tokens of message files (one JSON object per file and line).")
    @Argument(help: ArgumentHelp("Message files.", valueName: "FILE")) var files: [String]

    func run() throws {
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let tokens = BayesTokenizer.tokenStrings(SpamMessage(bytes: [UInt8](data))).sorted()
            let json = try JSONSerialization.data(withJSONObject: ["file": file, "tokens": tokens], options: [.withoutEscapingSlashes])
            print(String(decoding: json, as: UTF8.self))
        }
    }
}
