import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One TCP connection to a remote mail server (IMAP, POP3), optionally in TLS, read as
/// lines, IMAP responses with their literals, or POP3 multi-line replies.
///
/// One task owns a connection and reads from it; writes may be issued ahead of the reads
/// (pipelining).
public final class MailConnection: Sendable {
    public let settings: ConnectionSettings
    let channel: any Channel
    let inbound: InboundBuffer
    private let tlsActive: Mutex<Bool>

    /// Longest line accepted from a server (a UID SEARCH answer for a large folder is long).
    public static let maximumLineLength = 64 << 20

    init(settings: ConnectionSettings, channel: any Channel, inbound: InboundBuffer, tls: Bool) {
        self.settings = settings
        self.channel = channel
        self.inbound = inbound
        self.tlsActive = Mutex(tls)
    }

    /// True once the connection is encrypted (implicit TLS or after `startTLS`).
    public var isTLS: Bool { tlsActive.withLock { $0 } }

    /// Connects; with `.implicit` the TLS handshake runs before the first byte is read.
    public static func connect(_ settings: ConnectionSettings,
                               group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws(MailClientError)
        -> MailConnection {
        let inbound = InboundBuffer()
        let context: NIOSSLContext?
        if settings.tls == .implicit {
            context = try makeTLSContext(verify: settings.verifyCertificate)
        } else {
            context = nil
        }
        let serverName = sniName(settings.host)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(settings.connectTimeout.timeAmount)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(InboundBufferHandler(buffer: inbound))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
            return MailConnection(settings: settings, channel: channel, inbound: inbound, tls: context != nil)
        } catch {
            throw ErrorClassifier.connect(error, host: settings.host, port: settings.port)
        }
    }

    static func makeTLSContext(verify: Bool) throws(MailClientError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verify ? .fullVerification : .none
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tlsHandshake(reason: "cannot set up TLS: \(error)")
        }
    }

    /// SNI carries host names only, never address literals (RFC 6066 §3).
    static func sniName(_ host: String) -> String? {
        if host.contains(":") { return nil }
        if host.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isNumber) }) { return nil }
        return host
    }

    // MARK: Writing

    /// Writes and flushes.
    public func write(_ bytes: [UInt8]) async throws(MailClientError) {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        } catch {
            throw ErrorClassifier.channel(error)
        }
    }

    public func write(_ text: String) async throws(MailClientError) {
        try await write(Array(text.utf8))
    }

    // MARK: Reading

    /// One line, without its CRLF (a bare LF is accepted).
    public func readLine() async throws(MailClientError) -> [UInt8] {
        var scanned = 0
        return try await read { buffer in
            let view = buffer.readableBytesView
            guard let lf = view[(view.startIndex + scanned)...].firstIndex(of: 10) else {
                scanned = view.count
                if view.count > Self.maximumLineLength { throw MailClientError.protocolError("line too long") }
                return nil
            }
            var end = lf
            if end > view.startIndex && view[end - 1] == 13 { end -= 1 }
            let line = Array(view[view.startIndex..<end])
            buffer.moveReaderIndex(forwardBy: lf - view.startIndex + 1)
            return line
        }
    }

    /// Exactly `count` bytes.
    public func readBytes(_ count: Int) async throws(MailClientError) -> [UInt8] {
        try await read { buffer in
            guard buffer.readableBytes >= count else { return nil }
            return buffer.readBytes(length: count)
        }
    }

    /// One complete IMAP response (RFC 3501 §7): its line without the final CRLF, with every
    /// literal `{n}` (or `{n+}`, `~{n}`) followed by its CRLF and its n bytes inline.
    public func readIMAPResponse() async throws(MailClientError) -> [UInt8] {
        var scanned = 0  // offset up to which the response is known not to end
        return try await read { buffer in
            let view = buffer.readableBytesView
            let start = view.startIndex
            var position = start + scanned
            while true {
                guard let lf = view[position...].firstIndex(of: 10) else {
                    scanned = position - start
                    if view.count - scanned > Self.maximumLineLength {
                        throw MailClientError.protocolError("response line too long")
                    }
                    return nil
                }
                var lineEnd = lf
                if lineEnd > start && view[lineEnd - 1] == 13 { lineEnd -= 1 }
                if let length = Self.literalLength(endingAt: lineEnd, in: view, from: position) {
                    let literalEnd = lf + 1 + length
                    guard literalEnd <= view.endIndex else {
                        scanned = position - start
                        return nil
                    }
                    position = literalEnd
                    continue
                }
                let response = Array(view[start..<lineEnd])
                buffer.moveReaderIndex(forwardBy: lf - start + 1)
                return response
            }
        }
    }

    /// The length of the literal announced at the end of a line: `{123}` or `{123+}`.
    static func literalLength(endingAt end: Int, in view: ByteBufferView, from lineStart: Int) -> Int? {
        guard end > lineStart, view[end - 1] == UInt8(ascii: "}") else { return nil }
        var index = end - 2
        if index >= lineStart && view[index] == UInt8(ascii: "+") { index -= 1 }
        var value = 0
        var multiplier = 1
        var digits = 0
        while index >= lineStart, view[index] >= 48, view[index] <= 57 {
            value += Int(view[index] - 48) * multiplier
            multiplier *= 10
            digits += 1
            index -= 1
            if digits > 12 { return nil }
        }
        guard digits > 0, index >= lineStart, view[index] == UInt8(ascii: "{") else { return nil }
        return value
    }

    /// A POP3 multi-line reply body after its status line (RFC 1939 §3): the lines up to
    /// the lone ".", dot-unstuffed, each ending in CRLF.
    public func readPOP3MultiLine() async throws(MailClientError) -> [UInt8] {
        var scanned = 0
        return try await read { buffer in
            let view = buffer.readableBytesView
            let start = view.startIndex
            var position = start + scanned
            while true {
                guard let lf = view[position...].firstIndex(of: 10) else {
                    scanned = position - start
                    return nil
                }
                var lineEnd = lf
                if lineEnd > position && view[lineEnd - 1] == 13 { lineEnd -= 1 }
                if lineEnd - position == 1 && view[position] == UInt8(ascii: ".") {
                    let body = Self.unstuff(view[start..<position])
                    buffer.moveReaderIndex(forwardBy: lf - start + 1)
                    return body
                }
                position = lf + 1
            }
        }
    }

    /// Removes the leading dot of dot-stuffed lines and normalises line ends to CRLF.
    static func unstuff(_ bytes: ByteBufferView.SubSequence) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var atLineStart = true
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if atLineStart && byte == UInt8(ascii: ".") {
                atLineStart = false
                index += 1
                continue
            }
            atLineStart = false
            if byte == 10 {
                if output.last != 13 { output.append(13) }
                output.append(10)
                atLineStart = true
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Retries `take` on the buffer until it returns a value, waiting for bytes between tries.
    private func read<T>(_ take: (inout ByteBuffer) throws -> T?) async throws(MailClientError) -> T {
        do {
            while true {
                if let value = try inbound.take(take) { return value }
                try await inbound.waitForMore(on: channel.eventLoop, timeout: settings.readTimeout,
                                              stage: "waiting for \(settings.host):\(settings.port)")
            }
        } catch let error as MailClientError {
            throw error
        } catch {
            throw ErrorClassifier.channel(error)
        }
    }

    /// Waits up to `timeout` for data without consuming it (IDLE); false when none came.
    public func waitForData(timeout: Duration) async throws(MailClientError) -> Bool {
        do {
            if try inbound.take({ $0.readableBytes > 0 ? true : nil }) == true { return true }
            try await inbound.waitForMore(on: channel.eventLoop, timeout: timeout, stage: "idle")
            return true
        } catch MailClientError.timeout {
            return false
        } catch let error as MailClientError {
            throw error
        } catch {
            throw ErrorClassifier.channel(error)
        }
    }

    // MARK: TLS upgrade and close

    /// Starts TLS on the open connection, after the server accepted STARTTLS/STLS. Anything
    /// received in clear after that acceptance is dropped (RFC 3501 §6.2.1, RFC 2595 §4).
    public func startTLS() async throws(MailClientError) {
        let context = try Self.makeTLSContext(verify: settings.verifyCertificate)
        let serverName = Self.sniName(settings.host)
        inbound.discardBuffered()
        do {
            try await channel.eventLoop.submit { [channel] in
                let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                try channel.pipeline.syncOperations.addHandler(handler, position: .first)
            }.get()
        } catch {
            throw .tlsHandshake(reason: "\(error)")
        }
        tlsActive.withLock { $0 = true }
    }

    /// Closes the socket (no protocol goodbye: callers send LOGOUT/QUIT first).
    public func close() async {
        try? await channel.close().get()
    }
}
