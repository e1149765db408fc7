import Directory
import Durability
import Foundation
import Logging

/// A listener whose service has an on/off setting (`pop3.enabled`, `imap.enabled`): it
/// re-reads the setting every second and closes or reopens its port (on the address it
/// first bound), so the change applies without a restart. Sessions already open when the
/// service is switched off finish as at shutdown.
final class SwitchableListener: RunningService, @unchecked Sendable {
    // @unchecked: the mutable fields are only touched under `lock`; opening and closing
    // happen on the one watcher task, and `shutdown` waits for it before closing.
    static let pollInterval: Duration = .seconds(1)

    private let name: ServiceName
    private let service: any NetworkService
    private let setting: SettingKey
    private let context: ServerContext
    private let recorder: ServeStateRecorder
    private let logger: Logger
    private let lock = NSLock()
    private var current: (any RunningService)?
    private var address: ListenAddress
    private var watcher: Task<Void, Never>?

    private init(name: ServiceName, service: any NetworkService, setting: SettingKey, address: ListenAddress,
                 context: ServerContext, recorder: ServeStateRecorder, logger: Logger) {
        self.name = name
        self.service = service
        self.setting = setting
        self.address = address
        self.context = context
        self.recorder = recorder
        self.logger = logger
    }

    /// Binds now when the setting is on (a bind failure is thrown, as for any listener),
    /// then starts watching the setting.
    static func start(_ name: ServiceName, service: any NetworkService, setting: SettingKey, at address: ListenAddress,
                      context: ServerContext, recorder: ServeStateRecorder, logger: Logger) async throws -> SwitchableListener {
        let listener = SwitchableListener(name: name, service: service, setting: setting, address: address,
                                          context: context, recorder: recorder, logger: logger)
        if try context.directory.settings.bool(setting) { try await listener.open() }
        listener.recordState()
        listener.lock.withLock {
            listener.watcher = Task { [listener] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: pollInterval)
                    guard !Task.isCancelled else { return }
                    await listener.follow()
                }
            }
        }
        return listener
    }

    var isListening: Bool { lock.withLock { current != nil } }
    var boundAddress: ListenAddress { lock.withLock { address } }

    func shutdown() async {
        let task = lock.withLock { watcher }
        task?.cancel()
        await task?.value
        let running = lock.withLock { () -> (any RunningService)? in
            defer { current = nil }
            return current
        }
        await running?.shutdown()
    }

    /// Applies the setting's current value.
    private func follow() async {
        let setting = self.setting, settings = context.directory.settings
        let wanted: Bool
        do {
            wanted = try await BlockingIO.run { try settings.bool(setting) }
        } catch {
            logger.error("cannot read \(setting.rawValue): \(error); \(name.rawValue) stays as it is")
            return
        }
        let running = lock.withLock { current }
        if wanted, running == nil {
            do {
                try await open()
                logger.info("\(name.rawValue): listening on \(boundAddress) again (\(setting.rawValue) is on)")
            } catch {
                logger.error("\(name.rawValue): cannot listen on \(boundAddress): \(error); trying again in a second")
                return
            }
            recordState()
        } else if !wanted, let running {
            lock.withLock { current = nil }
            logger.info("\(name.rawValue): closed \(boundAddress) (\(setting.rawValue) is off)")
            recordState()
            await running.shutdown()
        }
    }

    private func open() async throws {
        let handle = try await service.start(at: boundAddress, context: context)
        lock.withLock {
            current = handle
            address = handle.boundAddress
        }
    }

    private func recordState() {
        recorder.record(name, boundAddress, state: isListening ? "listening" : "off")
    }
}
