import Authentication
import Antispam
import AntispamNetwork
import AntispamStore
import Delivery
import DeliveryStore
import Directory
import Durability
import Foundation
import Filter
import FilterStore
import IMAPServer
import Intake
import SieveStore
import Logging
import MailAuth
import MailStore
import ProtocolKit
import Queue
import RelayStore
import SMTPServer
import Spool
import SpamTraining
import SpoolStore

/// The storage side of a running server, shared by every protocol service: the sync
/// barrier (group commit), the spool and queue, the mail store, the local delivery agent
/// and the outbound agent.
public struct MailSystem: Sendable {
    public let barrier: FileSystemSyncBarrier
    public let spool: Spool
    public let store: MailStore
    public let deliveryAgent: LocalDeliveryAgent
    public let outboundAgent: OutboundAgent
    /// The one door every message enters by: sender checks, the content filter, the
    /// submission rewrite (disclaimers, DKIM), the spool commit and the dispatch.
    public let intake: IntakePipeline
    /// The content filter's stages, settings and state (rules, scan history).
    public let filter: ContentFilter
    /// The one login path of SMTP, IMAP, POP3 and ManageSieve: its throttle counts
    /// failures across them.
    public let authenticator: Authenticator
    /// POP3's exclusive maildrop locks, shared by ports 110 and 995.
    public let maildropLocks = MaildropLocks()
    /// IMAP connections per user and client IP, shared by ports 143 and 993.
    public let imapConnections = IMAPConnectionCounter()
    /// Users' Sieve scripts (ManageSieve writes them, delivery runs them).
    public let sieveScripts: SieveScriptStore
    /// Bayes training from IMAP moves into and out of Junk; Junk retention.
    public let junkTrainer: JunkTrainer
    public let junkRetention: JunkRetention

    public init(dataDirectory: DataDirectory, directory: DirectoryStore, hostname: String, logs: ServerLogs) throws {
        barrier = try FileSystemSyncBarrier(directories: [dataDirectory.spool, dataDirectory.mail])
        spool = try Spool(directory: dataDirectory.spool, database: directory.database, barrier: barrier)
        let storeLogger = logs.mailLogger("postino/store")
        store = try MailStore(database: directory.database, mailRoot: dataDirectory.mail, barrier: barrier,
                              hostname: hostname, structureEncoder: IMAPCachedStructure.encoder,
                              warning: { storeLogger.warning("\($0)") })
        sieveScripts = try SieveScriptStore(root: dataDirectory.sieve, database: directory.database)
        let rewriter = SubmissionRewriter(directory: directory, dkimDirectory: dataDirectory.dkim,
                                          logger: logs.mailLogger("postino/cleanup"))
        let resolver = try ServerDNS.resolver(directory: directory)
        let authenticationDNS = ResolverMailAuthDNS(resolver: resolver)
        let spamEngine = try SpamEngine(bayes: try SQLiteBayesStore(database: directory.database),
                                        identity: LocalIdentity(hostnames: [hostname]))
        junkTrainer = JunkTrainer(queue: try SQLiteSpamTrainingQueue(database: directory.database), engine: spamEngine,
                                  store: store, directory: directory, logger: logs.mailLogger("postino/antispam"))
        junkRetention = JunkRetention(store: store, directory: directory, logger: logs.mailLogger("postino/antispam"))
        filter = ContentFilter(directory: directory, store: try SQLiteFilterState(database: directory.database),
                               logger: logs.mailLogger("postino/filter"),
                               authenticator: { seconds in
                                   InboundAuthenticator(dns: authenticationDNS, timeout: .milliseconds(Int64(seconds * 1000)),
                                                        receivingHost: hostname)
                               },
                               spam: spamEngine,
                               greylist: Greylist(store: try SQLiteGreylistStore(database: directory.database)),
                               blocklists: BlocklistLookups(resolver: DNSBlocklistResolver(resolver),
                                                            logger: logs.mailLogger("postino/filter")))
        let dispatcher = AgentDispatcher()
        intake = IntakePipeline(
            spool: spool,
            stages: [SenderOwnershipStage(directory: directory, logger: logs.mailLogger("postino/cleanup"))] + filter.stages,
            rewriters: [rewriter], recorders: [filter.recorder], dispatcher: dispatcher,
            router: GeneratedMailRouter(directory: directory), logger: logs.mailLogger("postino/cleanup"))
        deliveryAgent = LocalDeliveryAgent(spool: spool, store: store, ledger: SQLiteLocalDeliveryLedger(spool: spool, store: store),
                                           directory: directory, scripts: sieveScripts,
                                           intake: intake, logger: logs.mailLogger("postino/local"))
        outboundAgent = try OutboundAgent(
            spool: spool, directory: directory, relays: try SQLiteRelayRuleStore(database: directory.database),
            dns: try OutboundDNS.make(directory: directory),
            transport: try NIOSMTPTransport(), configuration: .fromEnvironment(),
            logger: logs.mailLogger("postino/smtp"), intake: intake)
        dispatcher.bind(local: deliveryAgent, outbound: outboundAgent)
        authenticator = Authenticator(directory: directory, accessLog: logs.accessLogger("postino/auth"))
    }

    /// Start-up recovery, before any service accepts connections: the index catches up
    /// with the Maildirs (so local deliveries interrupted by a crash are seen as done),
    /// then the spool drops what was never acknowledged and re-queues what the database
    /// lost; the delivery agent's first sweep finishes the rest.
    public func recover(logger: Logger) throws {
        let reconciled = try store.reconcileAll(onlyChanged: true)
        // A reconciliation reads a changed mailbox's listing and records whole.
        FreedMemory.giveBack()
        if reconciled != MailStore.ReconcileReport() {
            logger.info("mail index reconciled: \(reconciled.indexed) indexed, \(reconciled.expunged) expunged, \(reconciled.updated) updated, \(reconciled.renamed.count) renamed to their real size")
        }
        let report = try spool.recover()
        for name in report.discarded { logger.info("spool: removed unacknowledged \(name)") }
    }

    public func start() async {
        await deliveryAgent.start()
        await outboundAgent.start()
    }

    public func stop() async {
        await outboundAgent.stop()
        await deliveryAgent.stop()
        barrier.stop()
    }
}
