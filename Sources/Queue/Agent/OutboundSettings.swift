import Directory
import Foundation

/// The administrator's settings outbound delivery uses, read at every sweep so that a
/// change applies without a restart.
struct OutboundSettings: Sendable {
    var hostname: String
    var heloName: String
    var mxPort: Int
    var schedule: RetrySchedule
    var rules: RelayRuleSet

    static func load(_ directory: any MailDirectory, relays: any RelayRuleStore, configuration: OutboundConfiguration) throws -> OutboundSettings {
        let settings = directory.settings
        var schedule = RetrySchedule(lifetime: Self.seconds(try settings.duration(.queueLifetime)),
                                     delayWarning: Self.seconds(try settings.duration(.queueDelayWarning)))
        if let retry = configuration.retryOverride {
            schedule = RetrySchedule(firstDelay: retry.first, maximumDelay: retry.maximum,
                                     lifetime: schedule.lifetime, delayWarning: schedule.delayWarning)
        }
        return OutboundSettings(hostname: try settings.string(.serverHostname), heloName: try settings.heloName(),
                                mxPort: try settings.int(.outboundPort), schedule: schedule, rules: try relays.rules())
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
