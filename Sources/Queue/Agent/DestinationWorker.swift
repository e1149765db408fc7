import Durability
import Logging
import SMTPProtocol
import Spool

/// Delivers the work of one destination: resolves it, connects to its hosts in order
/// (the next address when one fails), then sends item after item over the connection
/// until none is left, the connection breaks or it has carried its share.
struct DestinationWorker: Sendable {
    let agent: OutboundAgent
    let destination: Destination
    let settings: OutboundSettings
    let resolver: HostResolver
    let transport: any SMTPTransport
    let configuration: OutboundConfiguration
    let logger: Logger

    func run() async {
        let targets: [SMTPConnectTarget]
        switch await resolver.resolve(destination, mxPort: settings.mxPort) {
        case .targets(let found):
            targets = found
        case .permanent(let reply):
            await failAll(reply: reply, outcome: .failed, relay: "none")
            return
        case .temporary(let reply):
            await failAll(reply: reply, outcome: .deferred, relay: "none")
            return
        }
        guard let (connection, target) = await connect(targets) else { return }
        var sent = 0
        while sent < configuration.maximumMessagesPerConnection, let item = await agent.nextItem(for: destination) {
            sent += 1
            let usable = await deliver(item, over: connection, at: target)
            if !usable { break }
        }
        // QUIT without holding up the next work: the server's goodbye is not worth a wait.
        Task { await connection.quit() }
    }

    // MARK: Connecting

    /// The first target that gives a ready session; when none does, every waiting item of
    /// the destination gets the last failure.
    private func connect(_ targets: [SMTPConnectTarget]) async -> (any SMTPConnection, SMTPConnectTarget)? {
        var failures: [(SMTPConnectTarget, SMTPClientFailure)] = []
        for target in targets {
            var client = clientConfiguration()
            do throws(SMTPClientFailure) {
                return (try await transport.open(target, configuration: client), target)
            } catch {
                logger.info("connect to \(target) failed: \(error)")
                failures.append((target, error))
                // RFC 7435: opportunistic TLS that fails is retried in plaintext.
                if error.isTLSHandshakeFailure && client.tls == .opportunistic {
                    client.tls = .none
                    do throws(SMTPClientFailure) {
                        return (try await transport.open(target, configuration: client), target)
                    } catch {
                        failures.append((target, error))
                    }
                }
            }
        }
        guard let (target, last) = failures.last else {
            await failAll(reply: SMTPReply(451, "4.4.0", "No host to connect to"), outcome: .deferred, relay: "none")
            return nil
        }
        // Bounce only when every host refused us for good (5xx greeting or HELO).
        let permanent = failures.allSatisfy(\.1.isPermanent)
        // RFC 3463 X.4.1: no answer from the host (refused, unreachable, timeout).
        let reply = last.reply ?? SMTPReply(451, "4.4.1", last.reason)
        await failAll(reply: reply, outcome: permanent ? .failed : .deferred, relay: target.description,
                      remoteMTA: last.reply == nil ? nil : target.host)
        return nil
    }

    private func clientConfiguration() -> SMTPClientConfiguration {
        var client = SMTPClientConfiguration(heloName: settings.heloName, timeouts: configuration.clientTimeouts)
        if case .relay(let endpoint) = destination {
            client.tls = endpoint.tls
            client.credentials = endpoint.credentials
            client.allowPlaintextAuthentication = endpoint.allowPlaintextAuthentication
        }
        return client
    }

    // MARK: Sending

    /// Sends one item; false when the connection cannot be used any more.
    private func deliver(_ item: WorkItem, over connection: any SMTPConnection, at target: SMTPConnectTarget) async -> Bool {
        let content: [UInt8]
        do {
            content = try await BlockingIO.run { [spool = agentSpool] in try spool.readMessage(item.queueID) }
        } catch {
            // Deleted from the queue meanwhile (`postino queue delete`): nothing to send.
            // Otherwise nothing is recorded, so its deliveries stay due for the next sweep.
            logger.warning("cannot read the message, not sent now: \(error)", metadata: ["qid": "\(item.queueID)"])
            await agent.complete(item, [])
            return true
        }
        var attempts: [DeliveryAttempt] = []
        var usable = true
        for (message, positions) in item.messages(content: content, limit: configuration.maximumRecipientsPerTransaction) {
            guard usable else {
                attempts += positions.map {
                    DeliveryAttempt(position: $0, outcome: .deferred, reply: "451 4.4.2 connection lost before this transaction",
                                    remoteMTA: nil, relay: target.description, serverSupportsDSN: false)
                }
                continue
            }
            let outcome = await connection.send(message)
            for (index, position) in positions.enumerated() where index < outcome.result.recipients.count {
                let result = outcome.result.recipients[index]
                var reply = result.reply.summary
                if !result.isLocal { reply += " (in reply to \(result.stage.rawValue))" }
                attempts.append(DeliveryAttempt(position: position, outcome: result.outcome, reply: reply,
                                                remoteMTA: result.isLocal ? nil : target.host, relay: target.description,
                                                serverSupportsDSN: outcome.result.serverSupportsDSN))
            }
            usable = outcome.connectionUsable
        }
        await agent.complete(item, attempts)
        return usable
    }

    private var agentSpool: Spool { agent.spoolForWorkers }

    /// Every waiting item of the destination gets the same outcome (no route, no host).
    private func failAll(reply: SMTPReply, outcome: SMTPRecipientResult.Outcome, relay: String, remoteMTA: String? = nil) async {
        for item in await agent.takeAll(for: destination) {
            let attempts = item.positions.map {
                DeliveryAttempt(position: $0, outcome: outcome, reply: reply.summary, remoteMTA: remoteMTA,
                                relay: relay, serverSupportsDSN: false)
            }
            await agent.complete(item, attempts)
        }
    }
}
