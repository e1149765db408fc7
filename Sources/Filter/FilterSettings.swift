import Directory
import Foundation
import MailAuth

/// The filter's settings, read for each message so changes apply at once (SPEC: settings
/// apply live). Blocking (SQLite): load off the event loop.
public struct FilterSettings: Sendable, Hashable {
    public var attachmentsEnabled = true
    public var attachments = AttachmentPolicy(blocked: [.executables])
    public var antivirusEnabled = false
    public var clamd = ""
    public var antivirusMaxSize = 20 << 20
    public var antivirusFailOpen = false
    public var timeBudget: TimeInterval = 30
    public var quarantineEnabled = false
    public var quarantineMailbox = ""
    public var quarantineNotify = false
    public var hostname = "localhost"
    public var dmarcEnforcement = DMARCEnforcement.off
    public var spam = SpamSettings()

    public init() {}

    public static func load(_ directory: any MailDirectory) throws(DirectoryError) -> FilterSettings {
        let settings = directory.settings
        var loaded = FilterSettings()
        loaded.attachmentsEnabled = try settings.bool(.filterAttachmentsEnabled)
        let blocked = try settings.string(.filterAttachmentsBlock).split(separator: ",").compactMap {
            AttachmentCategory(rawValue: $0.trimmingCharacters(in: .whitespaces))
        }
        let extensions = try settings.string(.filterAttachmentsExtensions)
            .split(whereSeparator: { $0 == "," || $0 == " " })
            .map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". ")) }
            .filter { !$0.isEmpty }
        loaded.attachments = AttachmentPolicy(blocked: Set(blocked), extensions: Set(extensions))
        loaded.antivirusEnabled = try settings.bool(.filterAntivirusEnabled)
        loaded.clamd = try settings.string(.filterAntivirusClamd)
        loaded.antivirusMaxSize = Int(try settings.size(.filterAntivirusMaxSize))
        loaded.antivirusFailOpen = try settings.string(.filterAntivirusOnError) == "accept"
        let budget = try settings.duration(.filterTimeBudget).components
        loaded.timeBudget = max(1, TimeInterval(budget.seconds))
        loaded.quarantineEnabled = try settings.bool(.filterQuarantineEnabled)
        loaded.quarantineMailbox = try settings.string(.filterQuarantineMailbox)
        loaded.quarantineNotify = try settings.bool(.filterQuarantineNotify)
        loaded.hostname = try settings.string(.serverHostname)
        loaded.dmarcEnforcement = DMARCEnforcement(rawValue: try settings.string(.mailauthDMARCEnforce)) ?? .off
        loaded.spam = try SpamSettings.load(settings)
        return loaded
    }
}

/// The current settings for the filter's stages, re-read at most once a second (so a
/// `settings set` applies within a second without a read per stage per message).
public final class FilterSettingsSource: @unchecked Sendable {
    private let load: @Sendable () throws -> FilterSettings
    private let lock = NSLock()
    private var cached: (at: Date, settings: FilterSettings)?

    public init(load: @escaping @Sendable () throws -> FilterSettings) {
        self.load = load
    }

    public convenience init(directory: any MailDirectory) {
        self.init(load: { try FilterSettings.load(directory) })
    }

    public func current() throws -> FilterSettings {
        lock.lock()
        defer { lock.unlock() }
        if let cached, Date().timeIntervalSince(cached.at) < 1 { return cached.settings }
        let fresh = try load()
        cached = (Date(), fresh)
        return fresh
    }
}
