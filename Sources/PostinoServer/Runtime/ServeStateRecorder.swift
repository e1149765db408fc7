import Administration
import Directory
import Foundation
import Logging

/// Keeps `serve-state.json` (see `ServeState`) up to date while the server runs: the
/// listeners as bound at start and as switched later by their settings.
final class ServeStateRecorder: @unchecked Sendable {
    // @unchecked: `state` is only touched under `lock`.
    private let lock = NSLock()
    private var state: ServeState
    private let dataDirectory: DataDirectory
    private let logger: Logger

    init(dataDirectory: DataDirectory, settings: [String: String], logger: Logger) {
        self.dataDirectory = dataDirectory
        self.logger = logger
        state = ServeState(pid: getpid(), started: Date(), listeners: [], settings: settings)
    }

    func record(_ service: ServiceName, _ address: ListenAddress, state listenerState: String) {
        let snapshot: ServeState = lock.withLock {
            state.listeners.removeAll { $0.service == service.rawValue }
            state.listeners.append(.init(service: service.rawValue, host: address.host, port: address.port, state: listenerState))
            state.listeners.sort { $0.service < $1.service }
            return state
        }
        write(snapshot)
    }

    func write() {
        write(lock.withLock { state })
    }

    private func write(_ snapshot: ServeState) {
        // Only `postino check` reads it: a failure is logged, never fatal.
        do { try snapshot.write(dataDirectory: dataDirectory.root) } catch {
            logger.warning("cannot write \(ServeState.fileName): \(error)")
        }
    }
}

/// Settings a running server reads only at start (`SettingKey.restartReason`): `serve`
/// logs those that changed since the previous start, so that an administrator who was
/// told "restart to apply" sees that it happened.
enum PendingSettings {
    static func current(_ settings: SettingsStore) throws -> [String: String] {
        var values: [String: String] = [:]
        for key in SettingKey.appliedAtStart { values[key.rawValue] = try settings.get(key) }
        return values
    }

    /// "KEY = VALUE (was OLD)" for every value that differs from the previous start's.
    static func applied(previous: ServeState?, current: [String: String]) -> [String] {
        guard let previous else { return [] }
        return current.keys.sorted().compactMap { key in
            guard let before = previous.settings[key], before != current[key] else { return nil }
            return "\(key) = \(current[key] ?? "") (was \(before.isEmpty ? "\"\"" : before))"
        }
    }
}
