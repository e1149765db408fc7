import Logging
import ServiceLifecycle

/// The listeners as one service: at graceful shutdown they all stop accepting and drain
/// their connections at the same time (so the 10 s allowed to SMTP transactions in DATA
/// is not multiplied by the number of listeners).
struct ListenersService: Service {
    let running: [any RunningService]

    func run() async throws {
        try? await gracefulShutdown()
        await withTaskGroup(of: Void.self) { group in
            for service in running { group.addTask { await service.shutdown() } }
        }
    }
}

/// The mail system's agents (local delivery, outbound queue) and the sync barrier: they
/// stop after the listeners, so messages accepted while draining are still handed on.
/// Prints the banner once the group is running (signals are caught from then on).
struct MailSystemService: Service {
    let mail: MailSystem
    let announce: @Sendable () -> Void
    let logger: Logger

    func run() async throws {
        announce()
        try? await gracefulShutdown()
        logger.info("stopping the delivery agents")
        await mail.stop()
    }
}
