import Antispam
import ArgumentParser
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
        let engine = try SpamCommand.engine(global, weightsFile: weights, rulesFile: rules)
        let clock = ContinuousClock()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let start = clock.now
            let analysis = try await engine.analyze(message: [UInt8](data))
            let elapsed = clock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            if output.json {
                // Written by hand, keys sorted: JSONSerialization took a tenth of a scan.
                var line = "{\"bayes\":" + JSONLine.number(analysis.bayesProbability.map { ($0 * 1e6).rounded() / 1e6 })
                line += ",\"bayes_evidence\":" + JSONLine.number(analysis.bayesEvidence.map { ($0 * 1e4).rounded() / 1e4 })
                line += ",\"file\":" + JSONLine.string(file)
                line += ",\"score\":" + JSONLine.number((analysis.score * 1000).rounded() / 1000)
                line += ",\"symbols\":["
                for (i, symbol) in analysis.symbols.enumerated() {
                    line += (i == 0 ? "{\"detail\":" : ",{\"detail\":") + JSONLine.string(symbol.detail)
                    line += ",\"name\":" + JSONLine.string(symbol.name) + ",\"weight\":" + JSONLine.number(symbol.weight) + "}"
                }
                line += "],\"time_ms\":" + JSONLine.number((ms * 1000).rounded() / 1000) + "}"
                print(line)
            } else {
                print("\(file): \(SpamAnalysis.format(analysis.score)) \(analysis.symbolSummary)")
            }
        }
    }
}

/// Compact JSON values for one-line output.
enum JSONLine {
    /// A finite number as Swift prints it (shortest round-trip form, valid JSON); nil is null.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A string with the escapes RFC 8259 section 7 requires (slashes left as they are).
    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
