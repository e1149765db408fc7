import Dispatch
import Foundation

/// SIGHUP reopens the log files by name, as daemons do for an external logrotate (which
/// renames the files, then sends the signal).
final class LogReopenSignal {
    private let source: any DispatchSourceSignal

    init(logs: ServerLogs) {
        signal(SIGHUP, SIG_IGN)  // handled by the dispatch source, not the default (exit)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        let log = logs.mailLogger("postino/master")
        source.setEventHandler {
            do {
                try logs.reopen()
                log.info("log files reopened (SIGHUP)")
            } catch {
                log.error("cannot reopen the log files: \(error)")
            }
        }
        source.resume()
        self.source = source
    }

    func cancel() {
        source.cancel()
    }
}
