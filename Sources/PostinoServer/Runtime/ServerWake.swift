import Foundation
import Logging

/// How a CLI process tells a running server that it queued a message (`postino
/// send-test`): it touches `spool/wake`; the server looks at the file's modification time
/// twice a second and, when it moved, sweeps the queue at once instead of at the agents'
/// next timer (every 30 s for local deliveries). Without a server the message simply waits
/// in the spool for the next start.
public enum ServerWake {
    static func file(_ data: DataDirectory) -> String { data.spool.appendingPathComponent("wake").path }

    /// Called by the CLI after a commit. Best effort: the agents' timers pick the message
    /// up anyway.
    public static func touch(_ data: DataDirectory) {
        let path = file(data)
        if !FileManager.default.createFile(atPath: path, contents: Data(String(Date().timeIntervalSince1970).utf8)) {
            FileHandle.standardError.write(Data("postino: warning: cannot touch \(path); a running server picks the message up within 30 s\n".utf8))
        }
    }

    static func modificationTime(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// The server's side: a task that sweeps the queue whenever the wake file changes.
    static func watch(_ data: DataDirectory, mail: MailSystem, logger: Logger) -> Task<Void, Never> {
        let path = file(data)
        return Task {
            var seen = modificationTime(path)
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(500))
                let now = modificationTime(path)
                guard now != seen else { continue }
                seen = now
                logger.info("queue woken by the command line: sweeping")
                await mail.deliveryAgent.sweep()
                await mail.outboundAgent.wake()
            }
        }
    }
}
