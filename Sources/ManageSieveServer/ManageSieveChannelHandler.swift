import Authentication
import Durability
import Foundation
import Logging
import ManageSieveProtocol
import NIOCore
import NIOTLS
import ProtocolKit
import Sieve

/// The SwiftNIO glue of one ManageSieve connection (port 4190): feeds the pure
/// `ManageSieveSession` and answers its questions through the script store.
final class ManageSieveChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let environment: ManageSieveServerEnvironment
    private let operations: ScriptOperations
    private var session: ManageSieveSession?
    private var remoteAddress = "unknown"
    private var timer: Scheduled<Void>?
    private var closed = false
    private var reading = true

    init(environment: ManageSieveServerEnvironment) {
        self.environment = environment
        self.operations = ScriptOperations(scripts: environment.scripts, logger: environment.logger)
    }

    func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.remoteIPAddress
        let authenticator = environment.authenticator, maxSize = environment.scripts.limits.maxScriptSize
        let ip = remoteAddress
        let promise = context.eventLoop.makePromise(of: Bool.self)
        promise.completeWithTask { await authenticator.allowsPasswordsWithoutTLS(service: .manageSieve, remoteAddress: ip) }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            // Cannot fail: the authenticator logs an unreadable setting and answers no.
            let allowUnencrypted = (try? result.get()) ?? false
            let configuration = ManageSieveSessionConfiguration(
                sieveExtensions: SieveExtension.capabilityString().split(separator: " ").map(String.init),
                maxRedirects: SieveLimits.default.maximumRedirects,
                allowUnencrypted: allowUnencrypted, maxScriptSize: maxSize)
            session = ManageSieveSession(configuration: configuration)
            feed(.connected(ManageSieveConnectionInfo(remoteAddress: remoteAddress, remotePort: context.remoteAddress?.port)), context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !closed, session != nil { feed(.connectionClosed, context) }
        closed = true
        timer?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !closed, !TLSUpgrade.isUncleanShutdown(error) {
            environment.logger.info("managesieve: lost connection from \(remoteAddress): \(error)")
        }
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ServerShutdownEvent {
            // SIGTERM: say goodbye and close (the server drains its connections).
            guard !closed else { return }
            closed = true
            ShutdownGoodbye.send("BYE (TRYLATER) \"Server shutting down\"", context)
            return
        }
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            feed(.tlsEstablished, context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard session != nil else { return }
        feed(.received(buffer.readBytes(length: buffer.readableBytes) ?? []), context)
    }

    private func feed(_ event: ManageSieveSessionEvent, _ context: ChannelHandlerContext) {
        guard !closed, var current = session else { return }
        let actions = current.handle(event)
        session = current
        perform(actions, context)
    }

    private func perform(_ actions: [ManageSieveSessionAction], _ context: ChannelHandlerContext) {
        var closeAfterWrite = false
        let ops = operations
        for action in actions {
            switch action {
            case .send(let output):
                context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: output.encoded)), promise: nil)
            case .startTLS:
                context.flush()
                do { try TLSUpgrade.start(context, tls: environment.tls) } catch { closeAfterWrite = true }
            case .close:
                closeAfterWrite = true
            case .authenticate(let credentials):
                authenticate(credentials, context)
            case .haveSpace(let user, let name, let size):
                answer(context, { ops.haveSpace(user, name, size) }) { .completed($0) }
            case .putScript(let user, let name, let content):
                answer(context, { ops.put(user, name, content) }) { [environment] response in
                    if response.status == .ok { environment.logger.info("managesieve: user=<\(user)> stored script \"\(name)\"") }
                    return .completed(response)
                }
            case .checkScript(_, let content):
                answer(context, { ops.check(content) }) { .completed($0) }
            case .listScripts(let user):
                answer(context, { ops.list(user) }) { .scriptsListed($0) }
            case .setActive(let user, let name):
                answer(context, { ops.setActive(user, name) }) { .completed($0) }
            case .getScript(let user, let name):
                answer(context, { ops.get(user, name) }) { .scriptFetched($0) }
            case .deleteScript(let user, let name):
                answer(context, { ops.delete(user, name) }) { .completed($0) }
            case .renameScript(let user, let old, let new):
                answer(context, { ops.rename(user, old, new) }) { .completed($0) }
            }
        }
        if closeAfterWrite {
            closed = true
            timer?.cancel()
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0))).assumeIsolated()
                .whenComplete { _ in context.close(promise: nil) }
            return
        }
        context.flush()
        rearmTimer(context)
        let wants = session?.wantsMoreInput ?? false
        if wants != reading {
            reading = wants
            context.channel.setOption(ChannelOptions.autoRead, value: wants).whenComplete { _ in }
        }
    }

    private func rearmTimer(_ context: ChannelHandlerContext) {
        timer?.cancel()
        guard let timeout = session?.timeout else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout.duration.timeAmount) { [self] in
            feed(.timedOut, context)
        }
    }

    /// Runs blocking store work off the event loop and feeds the answer back.
    private func answer<T: Sendable>(_ context: ChannelHandlerContext, _ work: @escaping @Sendable () -> T,
                                     _ event: @escaping (T) -> ManageSieveSessionEvent) {
        let promise = context.eventLoop.makePromise(of: T.self)
        promise.completeWithTask { try await BlockingIO.run(work) }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let value): feed(event(value), context)
            case .failure(let error):
                environment.logger.error("managesieve: script store work failed for \(remoteAddress): \(error)")
                feed(.completed(.tryLater), context)
            }
        }
    }

    private func authenticate(_ credentials: ManageSieveCredentials, _ context: ChannelHandlerContext) {
        let authenticator = environment.authenticator
        let request = LoginRequest(service: .manageSieve, mechanism: credentials.mechanism, login: credentials.username,
                                   authorizationID: credentials.authorizationIdentity, password: credentials.password,
                                   remoteAddress: remoteAddress, tls: session?.isTLS ?? false)
        let promise = context.eventLoop.makePromise(of: LoginOutcome.self)
        promise.completeWithTask { await authenticator.authenticate(request) }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            // Cannot fail: the authenticator logs its own trouble and answers `.unavailable`.
            feed(.authenticationChecked(ManageSieveAuthenticationResult((try? result.get()) ?? .unavailable)), context)
        }
    }
}
