import Directory
import Foundation

/// The antispam settings the spam stage reads for each message (through the filter's
/// settings source, so a change applies within a second).
public struct SpamSettings: Sendable, Hashable {
    public var enabled = true
    public var greylistScore = 4.0
    public var flagScore = 6.0
    public var denyScore = 15.0
    public var subjectPrefix = ""
    public var greylistEnabled = true
    public var greylistDelay: TimeInterval = 300
    public var trustedNetworks: [IPNetwork] = []
    public var bayesMinimum = (spam: 200, ham: 200)
    /// `filter.spam.dnsbl` / `filter.spam.uribl` as written (parsed by BlocklistLookups).
    public var dnsbl = ""
    public var uribl = ""

    public init() {}

    public static func == (a: SpamSettings, b: SpamSettings) -> Bool {
        a.enabled == b.enabled && a.greylistScore == b.greylistScore && a.flagScore == b.flagScore
            && a.denyScore == b.denyScore && a.subjectPrefix == b.subjectPrefix && a.greylistEnabled == b.greylistEnabled
            && a.greylistDelay == b.greylistDelay && a.trustedNetworks == b.trustedNetworks
            && a.bayesMinimum.spam == b.bayesMinimum.spam && a.bayesMinimum.ham == b.bayesMinimum.ham
            && a.dnsbl == b.dnsbl && a.uribl == b.uribl
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(enabled)
        hasher.combine(flagScore)
    }

    static func load(_ settings: SettingsStore) throws(DirectoryError) -> SpamSettings {
        var loaded = SpamSettings()
        loaded.enabled = try settings.bool(.spamEnabled)
        loaded.greylistScore = Double(try settings.int64(.spamGreylistScore))
        loaded.flagScore = Double(try settings.int64(.spamFlagScore))
        loaded.denyScore = Double(try settings.int64(.spamDenyScore))
        loaded.subjectPrefix = try settings.string(.spamSubjectPrefix)
        loaded.greylistEnabled = try settings.bool(.greylistEnabled)
        loaded.greylistDelay = TimeInterval(try settings.duration(.greylistDelay).components.seconds)
        loaded.trustedNetworks = try settings.networks(.trustedNetworks)
        loaded.bayesMinimum = (try settings.int(.bayesMinSpam), try settings.int(.bayesMinHam))
        loaded.dnsbl = try settings.string(.spamDNSBL)
        loaded.uribl = try settings.string(.spamURIBL)
        return loaded
    }
}
