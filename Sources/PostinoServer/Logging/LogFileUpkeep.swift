import Directory
import Dispatch
import Foundation

/// The log files' upkeep while `serve` runs: SIGHUP reopens them by name, as daemons do
/// for an external logrotate (which renames the files, then sends the signal); and the
/// rotation settings (`log.rotate_size`, `log.keep`) are read again every 10 seconds, so a
/// change applies without a restart like the other settings.
final class LogFileUpkeep {
    private let hangup: any DispatchSourceSignal
    private let refresh: any DispatchSourceTimer

    init(logs: ServerLogs, settings: SettingsStore) {
        signal(SIGHUP, SIG_IGN)  // handled by the dispatch source, not the default (exit)
        let log = logs.mailLogger("postino/master")
        hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        hangup.setEventHandler {
            do {
                try logs.reopen()
                log.info("log files reopened (SIGHUP)")
            } catch {
                log.error("cannot reopen the log files: \(error)")
            }
        }
        hangup.resume()
        refresh = DispatchSource.makeTimerSource(queue: .global())
        refresh.schedule(deadline: .now() + 10, repeating: 10)
        refresh.setEventHandler {
            do {
                logs.setRotation(try Self.rotation(settings))
            } catch {
                // The files keep rotating as before; the administrator sees why.
                log.error("cannot read the log rotation settings: \(error)")
            }
        }
        refresh.resume()
    }

    /// The rotation the settings ask for now.
    static func rotation(_ settings: SettingsStore) throws -> LogRotation {
        LogRotation(maxSize: try settings.size(.logRotateSize), keep: try settings.int(.logKeep))
    }

    func cancel() {
        hangup.cancel()
        refresh.cancel()
    }
}
