import Directory
import Intake
import Logging

/// The content filter as intake stages, in SPEC 8's order: untrusted headers removed →
/// access rules → attachment blocker → antivirus (→ mail authentication and antispam,
/// added by their modules after these).
public struct ContentFilter: Sendable {
    public let settings: FilterSettingsSource
    public let store: any FilterStateStore
    public let stages: [any IntakeStage]
    public let recorder: FilterVerdictLog

    public init(directory: DirectoryStore, store: any FilterStateStore, logger: Logger,
                settings: FilterSettingsSource? = nil,
                makeScanner: (@Sendable (String, Double) -> any VirusScanner)? = nil) {
        let settings = settings ?? FilterSettingsSource(directory: directory)
        let quarantine = QuarantineRouter(directory: directory, settings: settings, logger: logger)
        self.settings = settings
        self.store = store
        let antivirus = makeScanner.map { AntivirusStage(settings: settings, logger: logger, makeScanner: $0) }
            ?? AntivirusStage(settings: settings, logger: logger)
        stages = [
            UntrustedHeaderStage(),
            AccessRuleStage(store: store, settings: settings, quarantine: quarantine, logger: logger),
            AttachmentStage(settings: settings, logger: logger),
            antivirus,
        ]
        recorder = FilterVerdictLog(store: store, logger: logger)
    }
}
