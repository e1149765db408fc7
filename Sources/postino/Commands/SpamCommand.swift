import Antispam
import AntispamStore
import ArgumentParser
import Directory
import Foundation

struct SpamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam", abstract: "Train and inspect the antispam engine (global Bayes, rules, scores).",
        discussion: "Safe while the server runs: every scan reads the Bayes model, so a learn counts at the next message.",
        subcommands: [SpamLearnCommand.self, Forget.self, Status.self, SpamScoreCommand.self, SpamTokensCommand.self])

    /// The engine over the data directory's database, with the administrator's settings.
    static func engine(_ global: GlobalOptions, weightsFile: String? = nil, rulesFile: String? = nil) throws -> SpamEngine {
        let directory = try global.openDirectory()
        let store = try SQLiteBayesStore(database: directory.database)
        let settings = directory.settings
        let minimum = (spam: try settings.int(.bayesMinSpam), ham: try settings.int(.bayesMinHam))
        let identity = LocalIdentity(hostnames: [try settings.get(.serverHostname)])
        var weights = WeightTable.default
        if let weightsFile {
            let text = try String(contentsOfFile: weightsFile, encoding: .utf8)
            weights.merge(try WeightTable.parse(text))
        }
        let rules = try rulesFile.map { try RuleFile.compile(String(contentsOfFile: $0, encoding: .utf8)) }
        return try SpamEngine(rules: rules, weights: weights, bayes: store, identity: identity, bayesMinimum: minimum)
    }

    struct Forget: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(commandName: "forget", abstract: "Forget everything Bayes has learnt.")
        @OptionGroup var global: GlobalOptions

        func runAsync() async throws {
            try await SpamCommand.engine(global).forget()
            print("Bayes model emptied")
        }
    }

    struct Status: ParsableCommand, AsyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Print how many spam and ham messages Bayes has learnt, its token count and whether it is active.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        struct Report {
            var spam: Int
            var ham: Int
            var tokens: Int
            var active: Bool
            var trained: Bool
            var min_spam: Int
            var min_ham: Int
        }

        func runAsync() async throws {
            let status = try await SpamCommand.engine(global).status()
            let report = Report(spam: status.totals.spam, ham: status.totals.ham, tokens: status.totals.tokens,
                                active: status.active, trained: status.trained, min_spam: status.minimumSpam,
                                min_ham: status.minimumHam)
            if output.json { return try Output.json(report) }
            print("spam learnt:  \(report.spam) (needs \(report.min_spam))")
            print("ham learnt:   \(report.ham) (needs \(report.min_ham))")
            print("tokens:       \(report.tokens)")
            print("active:       \(report.active ? "yes" : "no")")
            print("trained:      \(report.trained ? "yes" : "no (token weights not trained yet)")")
        }
    }
}
