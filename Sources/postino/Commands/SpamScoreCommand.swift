import Antispam
import ArgumentParser
import Durability
import Foundation

/// `postino spam score FILE… [--json]`: the engine's verdict without network checks.
struct SpamScoreCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "score", abstract: "Score message files for spam (rules and Bayes, no network checks).",
        discussion: "With --json prints one JSON object per file and line: file, score, bayes, bayes_evidence, symbols [{name, weight, detail}], time_ms.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Extra weights (score NAME weight lines) over the built-in ones.", valueName: "FILE"))
    var weights: String?
    @Option(help: ArgumentHelp("Rules file instead of the built-in rules.", valueName: "FILE"))
    var rules: String?
    @Argument(help: ArgumentHelp("Message files.", valueName: "FILE")) var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one message FILE") }
    }

    func runAsync() async throws {
        try await BlockingIO.inline { try await score() }  // one message at a time (see FilterScanCommand)
    }

    func score() async throws {
        let engine = try SpamCommand.engine(global, weightsFile: weights, rulesFile: rules)
        let clock = ContinuousClock()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let start = clock.now
            let analysis = try await engine.analyze(message: [UInt8](data))
            let elapsed = clock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            if output.json {
                let line = ScoreLine(bayes: analysis.bayesProbability.map { ($0 * 1e6).rounded() / 1e6 },
                                     bayes_evidence: analysis.bayesEvidence.map { ($0 * 1e4).rounded() / 1e4 },
                                     file: file, score: (analysis.score * 1000).rounded() / 1000,
                                     symbols: analysis.symbols.map { ScoreLine.Symbol(detail: $0.detail, name: $0.name, weight: $0.weight) },
                                     time_ms: (ms * 1000).rounded() / 1000)
                print(try Output.jsonText(line, pretty: false))  // one compact line per file
            } else {
                print("\(file): \(SpamAnalysis.format(analysis.score)) \(analysis.symbolSummary)")
            }
        }
    }
}

/// One `spam score --json` line.
struct ScoreLine: Encodable {
    struct Symbol: Encodable {
        var detail: String
        var name: String
        var weight: Double
    }

    @NullWhenAbsent var bayes: Double?
    @NullWhenAbsent var bayes_evidence: Double?
    var file: String
    var score: Double
    var symbols: [Symbol]
    var time_ms: Double
}
