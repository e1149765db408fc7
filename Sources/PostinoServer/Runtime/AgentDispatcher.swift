import Delivery
import Intake
import Queue
import Spool

/// Hands a queued message to the agents: local targets to the local delivery agent, remote
/// ones to the outbound agent (woken at once instead of at its next sweep).
struct AgentDispatcher: IntakeDispatcher {
    let local: LocalDeliveryAgent
    let outbound: OutboundAgent

    func dispatch(_ envelope: SpoolEnvelope) async {
        if envelope.deliveries.contains(where: { $0.target.isLocal }) { await local.submit(envelope.queueID) }
        if envelope.deliveries.contains(where: { !$0.target.isLocal }) { await outbound.wake() }
    }
}
