import Delivery
import Foundation
import Intake
import Queue
import Spool

/// Hands a queued message to the agents: local targets to the local delivery agent, remote
/// ones to the outbound agent (woken at once instead of at its next sweep). The agents
/// submit what they generate through the same intake, so they are bound here once, right
/// after they are made; until then (never in practice) their sweeps pick messages up.
final class AgentDispatcher: IntakeDispatcher, @unchecked Sendable {
    private let lock = NSLock()
    private var local: LocalDeliveryAgent?
    private var outbound: OutboundAgent?

    func bind(local: LocalDeliveryAgent, outbound: OutboundAgent) {
        lock.withLock {
            self.local = local
            self.outbound = outbound
        }
    }

    func dispatch(_ envelope: SpoolEnvelope) async {
        let (local, outbound) = lock.withLock { (self.local, self.outbound) }
        if envelope.deliveries.contains(where: { $0.target.isLocal }) { await local?.submit(envelope.queueID) }
        if envelope.deliveries.contains(where: { !$0.target.isLocal }) { await outbound?.wake() }
    }
}
