import Directory
import Intake
import Logging
import Antispam
import MailAuth

/// The content filter as intake stages, in SPEC 8's order: untrusted headers removed →
/// access rules → attachment blocker → antivirus (→ mail authentication and antispam,
/// added by their modules after these).
public struct ContentFilter: Sendable {
    public let settings: FilterSettingsSource
    public let store: any FilterStateStore
    public let stages: [any IntakeStage]
    public let recorder: FilterVerdictLog

    /// - Parameter authenticator: mail authentication with the given time budget; nil
    ///   leaves that stage out.
    public init(directory: any MailDirectory, store: any FilterStateStore, logger: Logger,
                settings: FilterSettingsSource? = nil,
                makeScanner: (@Sendable (String, Double) -> any VirusScanner)? = nil,
                authenticator: (@Sendable (Double) -> InboundAuthenticator)? = nil,
                spam: SpamEngine? = nil, greylist: Greylist? = nil, blocklists: BlocklistLookups? = nil) {
        let settings = settings ?? FilterSettingsSource(directory: directory)
        let quarantine = QuarantineRouter(directory: directory, settings: settings, logger: logger)
        self.settings = settings
        self.store = store
        let antivirus = makeScanner.map { AntivirusStage(settings: settings, logger: logger, makeScanner: $0) }
            ?? AntivirusStage(settings: settings, logger: logger)
        let checks: [any IntakeStage] = [
            UntrustedHeaderStage(),
            AccessRuleStage(store: store, settings: settings, quarantine: quarantine, logger: logger),
            AttachmentStage(settings: settings, logger: logger),
            antivirus,
        ]
        var weigh: (@Sendable (String) -> Double)?
        if let weights = spam?.weights {
            weigh = { name in weights.weight(name, bayesActive: true) }
        }
        let authentication: [any IntakeStage] = authenticator.map {
            [MailAuthenticationStage(settings: settings, logger: logger, weigh: weigh, authenticator: $0)]
        } ?? []
        let scoring: [any IntakeStage] = spam.map {
            [SpamStage(engine: $0, greylist: greylist, settings: settings, quarantine: quarantine, logger: logger,
                       blocklists: blocklists)]
        } ?? []
        stages = checks + authentication + scoring
        recorder = FilterVerdictLog(store: store, logger: logger)
    }
}
