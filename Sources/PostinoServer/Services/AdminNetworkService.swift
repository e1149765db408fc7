import AdminHTTP
import AdminStore
import AntispamStore
import ConnectorStore
import SyncStore
import Administration
import Foundation
import Logging

/// The admin listener (default 127.0.0.1:8080): the REST API of `AdminHTTP`. Plain HTTP on
/// a loopback address, HTTPS with the server's certificate on any other (and on loopback
/// too with `admin.tls always`).
struct AdminNetworkService: NetworkService {
    func start(at address: ListenAddress, context: ServerContext) async throws -> any RunningService {
        let data = context.dataDirectory
        var administration = Administration(directory: context.directory, spoolDirectory: data.spool, dkimDirectory: data.dkim)
        administration.events = context.logs.events
        let adminLog = context.logs.mailLogger("postino/admin")
        administration.mailLog = { qid, text in adminLog.info("\(text)", metadata: ["qid": "\(qid)"]) }
        let tokens = AdminTokens(store: try SQLiteAdminTokenStore(database: context.directory.database), directory: context.directory)
        let metrics = AdminMetrics.shared
        var api = AdminAPI(administration: administration, tokens: tokens, authenticator: context.mail.authenticator,
                           audit: try auditLogger(context), metrics: metrics)
        api.auditStore = try SQLiteAdminAuditStore(database: context.directory.database)
        api.filter = FilterAdministration(administration: administration, state: context.mail.filter.store,
                                          bayes: try SQLiteBayesStore(database: context.directory.database))
        api.connectors = ConnectorAdministration(administration: administration,
                                                 store: try SQLiteConnectorStore(database: context.directory.database))
        api.sync = SyncAdministration(administration: administration, store: try SQLiteSyncStore(mail: context.mail.store))
        // `run` from the API: a fetcher of this server's mail system (its running agents
        // deliver), and sync runs under the locks `postino sync run` takes.
        let fetching = try ConnectorWiring(mail: context.mail, directory: context.directory, dataDirectory: data,
                                           hostname: context.hostname, logs: context.logs)
        api.connectorRunner = api.connectors.map { ConnectorRunner(connectors: $0, fetcher: fetching.fetcher) }
        api.syncRunner = api.sync.map {
            SyncRunner(sync: $0, mail: context.mail.store, lockDirectory: data.root.appendingPathComponent("sync", isDirectory: true))
        }
        var tls: AdminServer.TLSMaterial?
        let settings = context.directory.settings
        if try settings.get(.adminTLS) == "always" || !Self.isLoopback(address.host) {
            tls = try Self.serverCertificate(context)
        }
        let handle = try await AdminServer.start(host: address.host, port: address.port, tls: tls, api: api,
                                                 eventLoopGroup: context.eventLoopGroup,
                                                 logger: context.logs.mailLogger("postino/admin"))
        return RunningAdminServer(handle: handle, host: address.host)
    }

    /// `log/audit` (stdout when the other logs go there): one line per change made through the API.
    private func auditLogger(_ context: ServerContext) throws -> Logger {
        let sink = context.logs.mailSink === LogSink.standardOutput
            ? LogSink.standardOutput
            : try LogSink(appendingTo: context.dataDirectory.log.appendingPathComponent("audit"))
        let formatter = context.logs.formatter
        return Logger(label: "postino/audit") { _ in MailLogHandler(component: "postino/audit", sink: sink, formatter: formatter) }
    }

    /// The server's certificate and key, for an HTTPS listener.
    static func serverCertificate(_ context: ServerContext) throws -> AdminServer.TLSMaterial {
        let settings = context.directory.settings
        let (pem, _) = try TLSMaterialProvider(dataDirectory: context.dataDirectory).load(
            hostname: context.hostname, configuredCertificate: try settings.get(.tlsCertificate),
            configuredKey: try settings.get(.tlsKey))
        return AdminServer.TLSMaterial(certificatePEM: pem.certificatePEM, privateKeyPEM: pem.privateKeyPEM)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

struct RunningAdminServer: RunningService {
    let handle: AdminServer.Handle
    let host: String

    var boundAddress: ListenAddress { ListenAddress(host: host, port: handle.port) }

    func shutdown() async { await handle.shutdown() }
}
