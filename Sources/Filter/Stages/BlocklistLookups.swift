import Antispam
import Logging
import Synchronization

/// The DNS blocklist checker for the current `filter.spam.dnsbl`/`uribl` settings: one
/// `BlocklistChecker` (and so one answer cache) per configuration, made anew when an
/// administrator changes the lists. An invalid list is logged and left out.
public final class BlocklistLookups: Sendable {
    let resolver: any BlocklistResolver
    let logger: Logger
    private let current = Mutex<(key: String, checker: BlocklistChecker?)?>(nil)

    public init(resolver: any BlocklistResolver, logger: Logger) {
        self.resolver = resolver
        self.logger = logger
    }

    /// nil when both lists are empty (or invalid).
    func checker(dnsbl: String, uribl: String, timeout: Duration) -> BlocklistChecker? {
        let key = "\(dnsbl)\u{0}\(uribl)\u{0}\(timeout)"
        return current.withLock { current in
            if let current, current.key == key { return current.checker }
            let client = zones(dnsbl, setting: "filter.spam.dnsbl")
            let uri = zones(uribl, setting: "filter.spam.uribl")
            let logger = self.logger
            let checker = client.isEmpty && uri.isEmpty ? nil
                : BlocklistChecker(resolver: resolver, clientLists: client, uriLists: uri, timeout: timeout,
                                   log: { logger.warning("filter: \($0)") })
            current = (key, checker)
            return checker
        }
    }

    private func zones(_ text: String, setting: String) -> [BlocklistZone] {
        switch BlocklistZone.parseList(text) {
        case .success(let zones): return zones
        case .failure(let error):
            logger.error("filter: \(setting): invalid list item \"\(error.item)\"; that setting's lists are not used")
            return []
        }
    }
}
