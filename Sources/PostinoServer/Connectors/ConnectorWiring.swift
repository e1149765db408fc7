import Connectors
import ConnectorStore
import Directory
import Filter
import Foundation
import Intake
import Logging
import Spool

/// Connects the connectors to a mail system: each account's intake pipeline (the content
/// filter's stages without antispam or antivirus when the account switches them off; no
/// greylisting — SpamStage never greylists connector mail), its deliveries (the local
/// user's mailbox), the store and the per-account locks under `<data>/connectors/`.
public struct ConnectorWiring: Sendable {
    public let store: SQLiteConnectorStore
    public let fetcher: ConnectorFetcher

    /// `deliverNow`: true for the CLI, whose process delivers what it fetched before it
    /// exits (it runs no agents); `serve` dispatches to its running agents either way.
    public init(mail: MailSystem, directory: DirectoryStore, dataDirectory: DataDirectory, hostname: String,
                logs: ServerLogs) throws {
        store = try SQLiteConnectorStore(database: directory.database)
        let dispatcher = AgentDispatcher()
        dispatcher.bind(local: mail.deliveryAgent, outbound: mail.outboundAgent)
        let filter = mail.filter
        let spool = mail.spool
        let cleanup = logs.mailLogger("postino/connector")
        let intake = ConnectorIntake(
            spool: spool, hostname: hostname,
            pipeline: { account in
                let stages = filter.stages.filter { stage in
                    if stage.name == "antispam" { return account.antispam }
                    if stage.name == "antivirus" { return account.antivirus }
                    return true
                }
                return IntakePipeline(spool: spool, stages: stages, recorders: [filter.recorder], dispatcher: dispatcher,
                                      router: GeneratedMailRouter(directory: directory), logger: cleanup)
            },
            deliveries: { account in
                let name = account.deliverTo.lowercased()
                guard try directory.user(named: name) != nil else { throw ConnectorRunError.noSuchUser(name) }
                return [SpoolDelivery(target: .mailbox(user: name, subaddress: nil), recipient: account.email, notify: ["NEVER"])]
            })
        fetcher = ConnectorFetcher(store: store, intake: intake,
                                   locks: AccountLock(directory: dataDirectory.root.appendingPathComponent("connectors")),
                                   logger: cleanup)
    }

    /// The scheduler service for `serve`.
    public func scheduler(directory: DirectoryStore, logger: Logger) -> ConnectorScheduler {
        let settings = directory.settings
        let tick: Duration = ProcessInfo.processInfo.environment["POSTINO_CONNECTOR_TICK"].flatMap(Double.init)
            .map { .milliseconds(Int64($0 * 1000)) } ?? .seconds(5)
        return ConnectorScheduler(store: store, fetcher: fetcher,
                                  maxParallel: { (try? settings.int(.connectorsMaxParallel)).map { Int($0) } ?? 4 },
                                  tick: tick, logger: logger)
    }
}
