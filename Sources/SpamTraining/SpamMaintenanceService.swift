import Durability
import Logging
import ServiceLifecycle

/// The antispam's background work in the ServiceGroup: the Junk training queue, and the
/// Junk retention pass at start and then daily.
public struct SpamMaintenanceService: Service {
    let trainer: JunkTrainer
    let retention: JunkRetention

    public init(trainer: JunkTrainer, retention: JunkRetention) {
        self.trainer = trainer
        self.retention = retention
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await trainer.run() }
            group.addTask {
                while !Task.isCancelled {
                    let retention = retention
                    _ = try? await BlockingIO.run { retention.expire() }
                    try? await Task.sleep(for: .seconds(86_400))
                }
            }
            // Stops with the group's graceful shutdown (cancellation of both loops).
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}
