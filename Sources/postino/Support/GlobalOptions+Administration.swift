import Administration
import Foundation
import MessageEvents
import PostinoServer

extension GlobalOptions {
    /// The administration layer over the data directory (opened, and created on first use).
    func administration() throws -> Administration {
        let dir = dataDirectory
        let directory = try openDirectory()
        var admin = Administration(directory: directory, spoolDirectory: dir.spool, dkimDirectory: dir.dkim)
        let events = try MessageEventRecorder.cli(directory: directory)
        admin.events = events
        // What the CLI does to a queued message is in the mail log too (`removed by admin`).
        do {
            var logs = try ServerLogs(dataDirectory: dir, hostname: try directory.settings.get(.serverHostname), toStandardOutput: false)
            logs.events = events
            let logger = logs.mailLogger("postino/admin")
            admin.mailLog = { qid, text in logger.info("\(text)", metadata: ["qid": "\(qid)"]) }
        } catch {
            FileHandle.standardError.write(Data("postino: warning: changes are not written to the mail log: \(error)\n".utf8))
        }
        return admin
    }
}
