import Durability
import Foundation
import Intake
import Logging

/// The antivirus (SPEC 8): the message is streamed to clamd; infected mail is refused at
/// the end of DATA with `554 5.7.1` naming the signature and is never stored. When clamd
/// is down or too slow the message gets `451 4.7.1` (`filter.antivirus.on_error tempfail`)
/// or passes with a logged symbol (`accept`) — never a silent pass.
public struct AntivirusStage: IntakeStage {
    public let name = "antivirus"
    let settings: FilterSettingsSource
    let makeScanner: @Sendable (_ endpoint: String, _ timeout: TimeInterval) -> any VirusScanner
    let logger: Logger

    public init(settings: FilterSettingsSource, logger: Logger,
                makeScanner: @escaping @Sendable (String, TimeInterval) -> any VirusScanner = { ClamdClient(endpoint: $0, timeout: $1) }) {
        self.settings = settings
        self.logger = logger
        self.makeScanner = makeScanner
    }

    public func applies(to context: IntakeContext) -> Bool {
        context.origin.isFiltered && context.marks[FilterMarks.allowed] == nil
    }

    public func evaluate(_ message: IntakeMessage, _ context: IntakeContext) async -> StageOutcome {
        let metadata: Logger.Metadata = ["qid": "\(context.queueID)"]
        let current: FilterSettings
        do {
            current = try await BlockingIO.run { [settings] in try settings.current() }
        } catch {
            logger.error("filter: cannot read settings: \(error)", metadata: metadata)
            return StageOutcome(.tempfail(IntakeReply(451, "4.3.0", "Temporary filter failure, try again later")))
        }
        guard current.antivirusEnabled else { return .accept }
        guard !current.clamd.isEmpty else {
            return failure("filter.antivirus.clamd is not set", current, metadata)
        }
        guard message.size <= current.antivirusMaxSize else {
            return StageOutcome(symbols: [ScoreSymbol("AV_SKIPPED", detail: "larger than filter.antivirus.max_size (\(message.size) octets)")])
        }
        let scanner = makeScanner(current.clamd, current.timeBudget)
        do {
            let result = try await BlockingIO.run { try scanner.scan { try message.read(body: $0) } }
            switch result {
            case .clean:
                return StageOutcome(symbols: [ScoreSymbol("AV_CLEAN", detail: "clamd")])
            case .infected(let signature):
                return StageOutcome(.refuse(IntakeReply(554, "5.7.1", "Message refused: virus found (\(signature))")),
                                    symbols: [ScoreSymbol("AV_VIRUS", weight: 0, detail: signature)])
            }
        } catch {
            return failure("\(error)", current, metadata)
        }
    }

    private func failure(_ why: String, _ current: FilterSettings, _ metadata: Logger.Metadata) -> StageOutcome {
        let symbol = ScoreSymbol("AV_ERROR", detail: why)
        if current.antivirusFailOpen {
            logger.warning("filter: virus scan skipped (on_error accept): \(why)", metadata: metadata)
            return StageOutcome(symbols: [symbol])
        }
        logger.warning("filter: virus scan failed, message deferred: \(why)", metadata: metadata)
        return StageOutcome(.tempfail(IntakeReply(451, "4.7.1", "Virus scan unavailable, try again later")), symbols: [symbol])
    }
}

extension IntakeMessage {
    /// `read` in the form `VirusScanner.scan` takes.
    func read(body: ([UInt8]) throws -> Bool) throws {
        try read(chunkSize: 1 << 16, body)
    }
}
