import Administration
import ArgumentParser
import Directory
import Durability
import Foundation
import Intake
import Logging
import MailCore
import PostinoServer
import Spool
import SpoolStore

/// `postino send-test FROM TO`: a short message through the intake pipeline, as mail the
/// server writes itself (routed by the directory like a DSN, never filtered), committed
/// durably to the spool. A running server is woken to deliver it at once; without one it
/// waits in the spool for `serve`.
struct SendTestCommand: ParsableCommand, AsyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test",
        abstract: "Queue a test message from FROM to TO through the intake pipeline.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The sender address (e.g. postmaster@example.com).") var from: String
    @Argument(help: "The recipient: a local address, or a remote one (sent through the queue).") var to: String

    func runAsync() async throws {
        let sender = try AdminInput.address(from, label: "FROM")
        let recipient = try AdminInput.address(to, label: "TO")
        let data = global.dataDirectory
        let directory = try global.openDirectory()
        let hostname = try directory.settings.get(.serverHostname)

        let barrier = try FileSystemSyncBarrier(directories: [data.spool])
        defer { barrier.stop() }
        let spool = try Spool(directory: data.spool, database: directory.database, barrier: barrier)
        let intake = IntakePipeline(spool: spool, stages: [], dispatcher: WakeRunningServer(data: data),
                                    router: GeneratedMailRouter(directory: directory),
                                    logger: Logger(label: "postino/send-test") { _ in SwiftLogNoOpLogHandler() })
        let message = TestMessage(sender: sender, recipient: recipient, hostname: hostname)
        let generated = GeneratedMessage(kind: .testMessage, sender: sender.description, recipient: recipient.description,
                                         bytes: message.bytes())
        guard let envelope = try await intake.submitGenerated(generated, notify: nil) else {
            throw CLIError("\(recipient): no such recipient here (see: postino resolve \(recipient))")
        }
        print("queued test message \(envelope.queueID) from \(sender) to \(recipient) (Subject: \(message.subject))")
        for delivery in envelope.deliveries {
            switch delivery.target {
            case .mailbox(let user, _):
                print("  \(user) gets it in INBOX: IMAP user \(user), or \(data.mail.appendingPathComponent("\(user)/Maildir/new").path)")
            case .publicMailbox(let name):
                print("  public mailbox \(name) gets it")
            case .remote(let address), .relay(let address, _, _, _):
                print("  \(address) is not local: it goes out through the queue (postino queue show \(envelope.queueID))")
            }
        }
        if !ServerProcess.isRunning(data) {
            print("postino serve is not running with this data directory: the message is delivered when it starts")
        }
    }
}

/// The dispatcher of a CLI process: it cannot reach the agents, so it wakes a running
/// server, which then sweeps the queue.
private struct WakeRunningServer: IntakeDispatcher {
    let data: DataDirectory
    func dispatch(_ envelope: SpoolEnvelope) async { ServerWake.touch(data) }
}

/// Whether a `serve` of this data directory is running (its recorded process is alive).
enum ServerProcess {
    static func isRunning(_ data: DataDirectory) -> Bool {
        guard let state = ServeState.read(dataDirectory: data.root) else { return false }
        return kill(state.pid, 0) == 0 || errno == EPERM
    }
}
