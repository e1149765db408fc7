import Connectors
import Directory
import Foundation

/// `postino connector run` outside `serve`: opens the mail system (no listeners, no
/// agents' sweeps), fetches, and delivers what it fetched before returning, so the
/// messages are in the mailboxes — and visible to a running server — when it prints.
/// The per-account lock keeps it off an account `serve` is fetching (it waits for it).
public enum ConnectorCommandRuntime {
    public static func run(dataDirectory: DataDirectory, directory: DirectoryStore, accounts: [ConnectorAccount],
                           wait: Duration = .seconds(120)) async throws -> [ConnectorRunReport] {
        let hostname = try directory.settings.get(.serverHostname)
        let logs = try ServerLogs(dataDirectory: dataDirectory, hostname: hostname, toStandardOutput: false)
        let mail = try MailSystem(dataDirectory: dataDirectory, directory: directory, hostname: hostname, logs: logs)
        let wiring = try ConnectorWiring(mail: mail, directory: directory, dataDirectory: dataDirectory,
                                         hostname: hostname, logs: logs)
        var reports: [ConnectorRunReport] = []
        for account in accounts {
            reports.append(await wiring.fetcher.run(account, wait: wait))
        }
        await mail.deliveryAgent.waitUntilIdle()
        await mail.stop()
        return reports
    }
}
