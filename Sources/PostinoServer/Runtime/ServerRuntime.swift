import AdminHTTP
import Administration
import Directory
import Foundation
import Logging
import MessageEvents
import NIOCore
import NIOPosix
import ProtocolKit
import ServiceLifecycle
import SpamTraining

/// Runs `postino serve`: prepares the data directory on first start, loads settings and
/// TLS material, starts every enabled service and stops them on SIGTERM/SIGINT.
public struct ServerRuntime: Sendable {
    public let options: ServeOptions
    /// Services implemented in this build, by name; the others are reported as such.
    public let services: [ServiceName: any NetworkService]

    public init(options: ServeOptions, services: [ServiceName: any NetworkService] = ServiceCatalog.implemented) {
        self.options = options
        self.services = services
    }

    public func run() async throws {
        let data = options.dataDirectory
        var plan = ListenPlan(privileged: geteuid() == 0)
        for override in options.listenOverrides { try plan.apply(override) }

        let firstStart = data.isFresh
        let tightened = try data.prepare()
        let directory = try DirectoryStore(path: data.databaseFile.path)
        let administratorPassword = try directory.ensureAdministrator()
        let settings = directory.settings
        let hostname = try settings.get(.serverHostname)
        let (pem, tlsSource) = try TLSMaterialProvider(dataDirectory: data).load(
            hostname: hostname,
            configuredCertificate: try settings.get(.tlsCertificate),
            configuredKey: try settings.get(.tlsKey))
        let tls = try TLSContextFactory.serverContext(certificatePEM: pem.certificatePEM, privateKeyPEM: pem.privateKeyPEM)
        var logs = try ServerLogs(dataDirectory: data, hostname: hostname, toStandardOutput: options.logToStandardOutput,
                                  rotation: try LogFileUpkeep.rotation(settings))
        let logUpkeep = LogFileUpkeep(logs: logs, settings: settings)
        let events = try MessageEventRecorder.server(directory: directory)
        logs.events = events
        let log = logs.mailLogger("postino/master")
        for change in tightened { log.warning("\(change)") }
        // Settings read only at start: log which changes made since the last start apply now.
        let startSettings = try PendingSettings.current(settings)
        for line in PendingSettings.applied(previous: ServeState.read(dataDirectory: data.root), current: startSettings) {
            log.info("applied pending setting \(line)")
        }
        let stateRecorder = ServeStateRecorder(dataDirectory: data, settings: startSettings, logger: log)

        // swift-metrics' backend: the registry /metrics exports (before any module makes a metric).
        AdminMetrics.shared.bootstrap()
        let mail = try MailSystem(dataDirectory: data, directory: directory, hostname: hostname, logs: logs)
        try mail.recover(logger: log)
        await mail.start()
        let connectors = try ConnectorWiring(mail: mail, directory: directory, dataDirectory: data, hostname: hostname, logs: logs)
        let wakeWatcher = ServerWake.watch(data, mail: mail, logger: log)

        // One descriptor per connection: raise the soft limit to the hard one, and keep
        // connections below it (issue 23, finding 3).
        let descriptors = DescriptorLimit.raiseSoftLimit()
        let connectionBudget = ConnectionBudget(limit: DescriptorLimit.connectionCap(descriptors: descriptors.after))
        log.info("file descriptors: \(descriptors.after) (soft limit was \(descriptors.before)); at most \(connectionBudget.limit) connections")
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let context = ServerContext(dataDirectory: data, directory: directory, mail: mail, logs: logs, tls: tls,
                                    hostname: hostname, eventLoopGroup: group, connectionBudget: connectionBudget)

        var out = ServeBanner(dataDirectory: data, hostname: hostname)
        out.firstStart = firstStart
        out.administratorPassword = administratorPassword
        out.tlsSource = tlsSource
        var running: [any RunningService] = []
        for (name, address) in plan.enabled {
            guard let service = services[name] else {
                out.listeners.append(.init(name: name, address: address, state: .notImplemented))
                continue
            }
            do {
                // A service with an on/off setting follows it while running (SwitchableListener);
                // an unreadable setting stops the start-up with its error (never a guess).
                if let setting = service.enablingSetting {
                    let switchable = try await SwitchableListener.start(name, service: service, setting: setting, at: address,
                                                                        context: context, recorder: stateRecorder, logger: log)
                    running.append(switchable)
                    context.listeners.record(name, switchable.boundAddress)
                    out.listeners.append(.init(name: name, address: switchable.boundAddress,
                                               state: switchable.isListening ? .listening : .disabled(setting.rawValue)))
                    continue
                }
                let handle = try await service.start(at: address, context: context)
                running.append(handle)
                context.listeners.record(name, handle.boundAddress)
                out.listeners.append(.init(name: name, address: handle.boundAddress, state: .listening))
                stateRecorder.record(name, handle.boundAddress, state: "listening")
            } catch let error as DirectoryError {
                throw error
            } catch {
                out.listeners.append(.init(name: name, address: address, state: .failed("\(error)")))
                stateRecorder.record(name, address, state: "failed")
                log.error("cannot listen for \(name.rawValue) on \(address): \(error)")
            }
        }
        stateRecorder.write()
        let banner = out.render()
        // SIGTERM/SIGINT: the listeners stop accepting and drain (SMTP transactions in DATA
        // finish, every other session is told goodbye), then the agents stop (reverse order
        // of the services); after 14 s whatever is left is cancelled.
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: MailSystemService(mail: mail, announce: {
                    FileHandle.standardOutput.write(Data(banner.utf8))
                    log.info("daemon started -- version \(PostinoVersion.current), data \(data.root.path)")
                }, logger: log), serviceName: "mail"),
                .init(service: SpamMaintenanceService(trainer: mail.junkTrainer, retention: mail.junkRetention),
                      serviceName: "antispam"),
                .init(service: ListenersService(running: running), serviceName: "listeners"),
                // Stops first: fetches in progress end before the agents they hand mail to.
                .init(service: connectors.scheduler(directory: directory, logger: log), serviceName: "connectors"),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: log)
        configuration.maximumGracefulShutdownDuration = .seconds(14)
        try await ServiceGroup(configuration: configuration).run()
        wakeWatcher.cancel()
        try await group.shutdownGracefully()
        log.info("daemon stopped")
        logUpkeep.cancel()
        events.stop()
    }
}

public enum PostinoVersion {
    public static let current = "0.1.0"
}
