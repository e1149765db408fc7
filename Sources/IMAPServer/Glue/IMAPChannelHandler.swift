import Durability
import Foundation
import IMAPProtocol
import NIOCore
import NIOTLS
import ProtocolKit

/// The SwiftNIO glue of one IMAP connection: frames commands with `IMAPCommandReader`,
/// answers literal continuations, runs one command at a time on the `IMAPSession` actor
/// (reading stops meanwhile, so pipelined commands wait in the reader), and handles the
/// raw-line modes (AUTHENTICATE responses, IDLE's DONE), STARTTLS and the autologout timer.
final class IMAPChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Mode {
        case commands
        case idle
        case saslResponse(tag: String, mechanism: String)
    }

    private let environment: IMAPServerEnvironment
    private var reader = IMAPCommandReader.countingLargeLiterals()
    private var session: IMAPSession?
    private var mode = Mode.commands
    private var busy = true  // until the greeting is out
    private var closed = false
    private var remoteAddress = "unknown"
    private var timer: Scheduled<Void>?
    private var authenticated = false
    private var reading = true
    /// Octets of `LiteralMemoryBudget.shared` this connection holds for the command being
    /// received; given back when the command is done or the connection closes.
    private var literalReservation = 0
    private static let literalMemoryWait = TimeAmount.seconds(30)
    /// The spilled literals of the command being received (`LiteralSpillFile`).
    private var spills: [LiteralSpillFile] = []
    /// Spilled octets handed to the writers and not written yet: above
    /// `spillBacklogLimit` the socket is not read, so a slow disk cannot fill memory.
    private var spillBacklog = 0
    private static let spillBacklogLimit = 1 << 20

    /// RFC 3501 §5.4: at least 30 minutes once logged in; a shorter wait for a login.
    private static let authenticatedTimeout = TimeAmount.minutes(30)
    private static let loginTimeout = TimeAmount.seconds(120)

    init(environment: IMAPServerEnvironment) {
        self.environment = environment
    }

    // MARK: Lifecycle

    func channelActive(context: ChannelHandlerContext) {
        remoteAddress = context.remoteIPAddress
        if !environment.implicitTLS { start(context, tls: false) }
        context.fireChannelActive()
    }

    private func start(_ context: ChannelHandlerContext, tls: Bool) {
        let directory = environment.directory, environment = environment, ip = remoteAddress
        let sink = ChannelResponseSink(channel: context.channel)
        let promise = context.eventLoop.makePromise(of: IMAPSession.self)
        promise.completeWithTask {
            let settings = try await BlockingIO.run {
                // The first connection clears literal files a crashed process left (once).
                do { try environment.store.prepareLiteralSpool() } catch {
                    environment.logger.error("imap: cannot prepare \(environment.store.literalSpoolDirectory): \(error)")
                }
                return try IMAPServerSettings.load(directory.settings)
            }
            let session = IMAPSession(environment: environment, settings: settings, remoteAddress: ip, tlsActive: tls, sink: sink)
            await session.greeting()
            return session
        }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            guard !closed else { return }
            switch result {
            case .success(let session):
                self.session = session
                setReaderLimits(appendLimit: nil)
                busy = false
                rearmTimer(context)
                processInput(context)
            case .failure(let error):
                environment.logger.error("imap: cannot start a session: \(error)")
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: "* BYE Service unavailable\r\n")))
                    .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        timer?.cancel()
        releaseLiteralMemory()
        removeSpills()
        if let session { Task { await session.endSession() } }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !closed, !TLSUpgrade.isUncleanShutdown(error) {
            environment.logger.info("imap: lost connection from \(remoteAddress): \(error)")
        }
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ServerShutdownEvent {
            // SIGTERM: say goodbye and close (the server drains its connections).
            guard !closed else { return }
            closed = true
            ShutdownGoodbye.send("* BYE Server shutting down", context)
            return
        }
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            if let session {
                busy = true
                let promise = context.eventLoop.makePromise(of: Void.self)
                promise.completeWithTask { await session.tlsEstablished() }
                promise.futureResult.assumeIsolated().whenComplete { [self] _ in
                    busy = false
                    processInput(context)
                }
            } else {
                start(context, tls: true)
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Input

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        reader.append(buffer.readBytes(length: buffer.readableBytes) ?? [])
        rearmTimer(context)
        processInput(context)
    }

    private func processInput(_ context: ChannelHandlerContext) {
        while !busy, !closed, let session {
            switch mode {
            case .idle:
                switch reader.nextLine(maximumLength: 1024) {
                case .needMoreData: return updateReading(context)
                case .line(let line) where IMAPContinuationLine.isDone(line):
                    mode = .commands
                    run(context) { await session.endIdle(); return .proceed }
                case .line, .tooLong:
                    // RFC 2177: only DONE ends IDLE; anything else ends the connection.
                    write(context, "* BYE Expected DONE\r\n", close: true)
                    return
                }
            case .saslResponse(let tag, let mechanism):
                switch reader.nextLine(maximumLength: 16 * 1024) {
                case .needMoreData: return updateReading(context)
                case .tooLong:
                    mode = .commands
                    write(context, "\(tag) BAD Authentication response too long\r\n")
                case .line(let line):
                    mode = .commands
                    switch IMAPContinuationLine.saslResponse(line) {
                    case .cancel: write(context, "\(tag) BAD Authentication cancelled\r\n")
                    case .invalid: write(context, "\(tag) BAD Invalid base64 in the authentication response\r\n")
                    case .data(let response):
                        let command = IMAPCommand(tag: tag, kind: .authenticate(mechanism: mechanism, initialResponse: response))
                        run(context) { await session.execute(command) }
                    }
                }
            case .commands:
                switch reader.nextCommand() {
                case .needMoreData:
                    return updateReading(context)
                case .continuationRequired(let request):
                    if request.isSpilled {
                        spills.append(LiteralSpillFile(store: environment.store))
                    } else if request.size >= LiteralMemoryBudget.smallLiteral, !reserveLiteralMemory(request.size) {
                        return waitForLiteralMemory(context, request, until: .now() + Self.literalMemoryWait)
                    }
                    write(context, "+ Ready for literal data\r\n")
                case .literalArriving(let request):
                    if request.isSpilled {
                        spills.append(LiteralSpillFile(store: environment.store))
                    } else if !reserveLiteralMemory(request.size) {
                        // LITERAL+ (RFC 7888): the octets come without a continuation, so the
                        // socket is simply not read until the budget has room.
                        return waitForLiteralMemory(context, request, synchronizing: false,
                                                    until: .now() + Self.literalMemoryWait)
                    }
                case .literalData(let bytes):
                    spill(context, bytes)
                case .rejected(let error):
                    releaseLiteralMemory()
                    removeSpills()
                    write(context, IMAPResponseEncoder.encode(error.response))
                case .command(let frame):
                    let files = spills
                    spills = []
                    let command: IMAPCommand
                    do {
                        command = try IMAPCommandParser.parse(frame)
                    } catch {
                        files.forEach { $0.remove() }
                        write(context, IMAPResponseEncoder.encode(error.response))
                        continue
                    }
                    if !files.isEmpty {
                        guard case .append(var append) = command.kind else {
                            files.forEach { $0.remove() }
                            write(context, "\(command.tag) BAD Unexpected literal\r\n")
                            continue
                        }
                        append.spilledFiles = files.map(\.path)
                        let spilled = IMAPCommand(tag: command.tag, kind: .append(append))
                        let logger = environment.logger, ip = remoteAddress
                        run(context, spilledFiles: files) {
                            for file in files {
                                if let failure = await file.close() { logger.error("imap: \(ip): literal file: \(failure)") }
                            }
                            return await session.execute(spilled)
                        }
                        continue
                    }
                    if case .authenticate(let mechanism, nil) = command.kind, mechanism.uppercased() == "PLAIN" {
                        mode = .saslResponse(tag: command.tag, mechanism: mechanism)
                        write(context, "+ \r\n")
                        continue
                    }
                    run(context) { await session.execute(command) }
                }
            }
        }
        updateReading(context)
    }

    /// Runs one command on the session; input waits until it is done. `spilledFiles` are
    /// removed when it is (the store has renamed those it kept), even if the connection
    /// closed meanwhile.
    private func run(_ context: ChannelHandlerContext, spilledFiles: [LiteralSpillFile] = [],
                     _ work: @escaping @Sendable () async -> IMAPSessionOutcome) {
        busy = true
        updateReading(context)
        let session = self.session
        let promise = context.eventLoop.makePromise(of: (IMAPSessionOutcome, Int?).self)
        promise.completeWithTask {
            let outcome = await work()
            // After a login, larger lines and APPEND literals (APPENDLIMIT) are allowed:
            // known before the next pipelined command is framed.
            return (outcome, await session?.appendLimitIfAuthenticated())
        }
        promise.futureResult.assumeIsolated().whenComplete { [self] result in
            busy = false
            releaseLiteralMemory()
            spilledFiles.forEach { $0.remove() }
            guard !closed else { return }
            let (outcome, appendLimit) = (try? result.get()) ?? (.proceed, nil)
            if !authenticated, let appendLimit {
                authenticated = true
                setReaderLimits(appendLimit: appendLimit)
            }
            switch outcome {
            case .proceed:
                break
            case .startTLS:
                reader.discardBufferedInput()  // RFC 3501 §6.2.1: no plaintext after STARTTLS
                removeSpills()
                do { try TLSUpgrade.start(context, tls: environment.tls) } catch { context.close(promise: nil) }
            case .compress:
                // RFC 4978 §3: compressed from the byte after the tagged OK on, both ways.
                let deflate = DeflateHandler()
                do {
                    try context.pipeline.syncOperations.addHandler(deflate, position: .before(self))
                } catch {
                    context.close(promise: nil)
                    return
                }
                let early = reader.takeBufferedInput()
                if !early.isEmpty {
                    guard let plain = deflate.inflate(early) else {
                        context.close(promise: nil)
                        return
                    }
                    reader.append(plain)
                }
            case .idle:
                mode = .idle
            case .logout:
                closed = true
                context.close(promise: nil)
                return
            }
            rearmTimer(context)
            processInput(context)
        }
    }

    private func setReaderLimits(appendLimit: Int?) {
        reader.limits = IMAPReaderLimits(maximumLineLength: 64 * 1024, maximumLiteralSize: 64 * 1024,
                                         maximumAppendSize: appendLimit ?? 0,
                                         maximumCommandSize: max(1 << 20, (appendLimit ?? 0) + (1 << 20)))
    }

    private func write(_ context: ChannelHandlerContext, _ text: String, close: Bool = false) {
        write(context, Array(text.utf8), close: close)
    }

    private func write(_ context: ChannelHandlerContext, _ bytes: [UInt8], close: Bool = false) {
        let future = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)))
        if close {
            closed = true
            future.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    // MARK: Literal memory (issue 23, finding 4)

    private func reserveLiteralMemory(_ size: Int) -> Bool {
        guard LiteralMemoryBudget.shared.tryReserve(size) else { return false }
        literalReservation += size
        return true
    }

    private func releaseLiteralMemory() {
        LiteralMemoryBudget.shared.release(literalReservation)
        literalReservation = 0
    }

    /// The client waits for its continuation, or its non-synchronizing literal stays
    /// unread in the socket, until the budget has room; after `literalMemoryWait` the
    /// command is refused with `NO [LIMIT]` (RFC 5530 §3) — a non-synchronizing literal is
    /// then read and dropped, not kept — and framing goes on with the next command.
    private func waitForLiteralMemory(_ context: ChannelHandlerContext, _ request: IMAPLiteralRequest,
                                      synchronizing: Bool = true, until deadline: NIODeadline) {
        busy = true
        updateReading(context)
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(50)) { [self] in
            guard !closed else { return }
            if reserveLiteralMemory(request.size) {
                busy = false
                if synchronizing { write(context, "+ Ready for literal data\r\n") }
                processInput(context)
            } else if NIODeadline.now() >= deadline {
                busy = false
                releaseLiteralMemory()
                removeSpills()  // an earlier message of the same MULTIAPPEND
                if synchronizing { reader.rejectPendingLiteral() } else { reader.discardPendingLiteral() }
                environment.logger.warning("imap: \(remoteAddress): \(request.size)-octet literal refused, literal memory budget in use")
                write(context, "\(request.tag ?? "*") NO [LIMIT] Too many large messages arriving at once, try again later\r\n")
                processInput(context)
            } else {
                waitForLiteralMemory(context, request, synchronizing: synchronizing, until: deadline)
            }
        }
    }

    // MARK: Spilled literals

    /// Hands a chunk of a spilled literal to its file's writer.
    private func spill(_ context: ChannelHandlerContext, _ bytes: [UInt8]) {
        guard let file = spills.last else { return }
        let count = bytes.count
        spillBacklog += count
        let written = context.eventLoop.makePromise(of: Void.self)
        file.write(bytes) { written.succeed() }
        written.futureResult.assumeIsolated().whenComplete { [self] _ in
            spillBacklog -= count
            if !closed { updateReading(context) }
        }
    }

    /// Drops the spilled literals of a command that will not run (refused, connection gone).
    private func removeSpills() {
        spills.forEach { $0.remove() }
        spills = []
    }

    private func updateReading(_ context: ChannelHandlerContext) {
        // Stop reading while a command runs, too much waits unprocessed, or the disk lags.
        let wants = !busy && reader.bufferedByteCount < 4 << 20 && spillBacklog < Self.spillBacklogLimit
        guard wants != reading else { return }
        reading = wants
        context.channel.setOption(ChannelOptions.autoRead, value: wants).whenComplete { _ in }
    }

    private func rearmTimer(_ context: ChannelHandlerContext) {
        timer?.cancel()
        let delay = authenticated ? Self.authenticatedTimeout : Self.loginTimeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
            guard !busy else { return rearmTimer(context) }
            write(context, "* BYE Autologout; idle for too long\r\n", close: true)
        }
    }
}
