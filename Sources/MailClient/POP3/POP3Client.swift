import MailCore
import NIOCore
import NIOPosix
import POP3Protocol

/// A POP3 client over one connection: the pure `POP3ClientSession` decides what may be sent
/// and pairs replies with commands; this actor moves the bytes through `MailConnection`.
/// Connect, log in, list, retrieve, delete, quit — what a fetcher needs (RFC 1939, 2449,
/// 2595, 5034).
public actor POP3Client {
    public let connection: MailConnection
    private var session: POP3ClientSession
    /// CAPA's answer (RFC 2449), upper-cased names; empty when the server has no CAPA.
    public private(set) var capabilities: [String: [String]] = [:]

    init(connection: MailConnection, maximumMessageSize: Int) {
        self.connection = connection
        session = POP3ClientSession(maximumReplySize: maximumMessageSize)
    }

    /// Connects, reads the greeting and the capabilities, and with `.starttls` upgrades
    /// with STLS (RFC 2595 §4) — refusing to go on in clear when the server cannot.
    public static func connect(_ settings: ConnectionSettings, maximumMessageSize: Int = 256 << 20,
                               group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
        async throws(MailClientError) -> POP3Client {
        let connection = try await MailConnection.connect(settings, group: group)
        let client = POP3Client(connection: connection, maximumMessageSize: maximumMessageSize)
        do {
            try await client.open(settings)
        } catch {
            await connection.close()
            throw error
        }
        return client
    }

    private func open(_ settings: ConnectionSettings) async throws(MailClientError) {
        let greeting = try await readGreeting()
        guard greeting.isOK else { throw .protocolError("greeting refused: \(greeting.text)") }
        await readCapabilities()
        guard settings.tls == .starttls else { return }
        // RFC 2595 §4: STLS is offered in CAPA; try it even when CAPA is missing.
        let reply = try await run(.stls)
        guard reply.isOK else { throw .protocolError("the server refused STLS: \(reply.text)") }
        try await connection.startTLS()
        // RFC 2595 §4: capabilities may differ after TLS; ask again.
        await readCapabilities()
    }

    private func readCapabilities() async {
        if let reply = try? await run(.capa), reply.isOK {
            capabilities = POP3Listing.capabilities(reply)
        } else {
            capabilities = [:]
        }
    }

    /// Logs in with AUTH PLAIN when offered (one round trip), else USER/PASS.
    public func login(user: String, password: String) async throws(MailClientError) {
        let reply: POP3ClientReply
        if capabilities["SASL"]?.contains(where: { $0.uppercased() == "PLAIN" }) == true {
            reply = try await run(.authPlain(SASLPlainMessage(authorizationID: nil, authenticationID: user, password: password)))
        } else {
            let userReply = try await run(.user(user))
            guard userReply.isOK else { throw .authenticationFailed(userReply.text) }
            reply = try await run(.pass(password))
        }
        guard reply.isOK else {
            // RFC 3206: [SYS/TEMP] and [IN-USE] are not the password's fault.
            if let code = reply.code, code != .auth {
                throw .commandFailed(command: "login", response: "[\(code.rawValue)] \(reply.text)")
            }
            throw .authenticationFailed(reply.text.isEmpty ? "login refused" : reply.text)
        }
    }

    /// The unique-id listing; nil when the server does not implement UIDL (-ERR).
    public func uniqueIDs() async throws(MailClientError) -> [(number: Int, uid: String)]? {
        let reply = try await run(.uidl)
        return reply.isOK ? POP3Listing.uidl(reply) : nil
    }

    /// Message numbers and sizes.
    public func sizes() async throws(MailClientError) -> [(number: Int, size: Int)] {
        let reply = try await run(.list)
        guard reply.isOK else { throw .commandFailed(command: "LIST", response: reply.text) }
        return POP3Listing.sizes(reply)
    }

    /// The whole message, as stored by the server (CRLF line ends).
    public func retrieve(_ number: Int) async throws(MailClientError) -> [UInt8] {
        let reply = try await run(.retr(number))
        guard reply.isOK, let data = reply.data else { throw .commandFailed(command: "RETR \(number)", response: reply.text) }
        return data
    }

    /// The header block (TOP n 0): the fallback identity when UIDL is missing.
    public func header(_ number: Int) async throws(MailClientError) -> [UInt8] {
        let reply = try await run(.top(number, lines: 0))
        guard reply.isOK, let data = reply.data else { throw .commandFailed(command: "TOP \(number) 0", response: reply.text) }
        return data
    }

    /// Marks a message deleted; the server removes it only after a successful QUIT
    /// (RFC 1939 §6): a broken connection deletes nothing.
    public func delete(_ number: Int) async throws(MailClientError) {
        let reply = try await run(.dele(number))
        guard reply.isOK else { throw .commandFailed(command: "DELE \(number)", response: reply.text) }
    }

    /// QUIT: commits the deletions (UPDATE state) and closes.
    public func quit() async throws(MailClientError) {
        let result: Result<POP3ClientReply, MailClientError>
        do { result = .success(try await run(.quit)) } catch { result = .failure(error) }
        await connection.close()
        let reply = try result.get()
        guard reply.isOK else { throw .commandFailed(command: "QUIT", response: reply.text) }
    }

    /// Closes without QUIT: nothing marked deleted is removed.
    public func abandon() async {
        await connection.close()
    }

    // MARK: One command

    private func readGreeting() async throws(MailClientError) -> POP3ClientReply {
        let events = try await feed(try await connection.readLine())
        guard case .greeting(let reply)? = events.first else { throw .protocolError("no greeting") }
        return reply
    }

    /// Sends a command and reads its whole reply.
    private func run(_ command: POP3ClientCommand) async throws(MailClientError) -> POP3ClientReply {
        let bytes: [UInt8]
        do {
            bytes = try session.send(command)
        } catch {
            throw .protocolError("\(error)")
        }
        try await connection.write(bytes)
        while true {
            let events = try await feed(try await connection.readLine())
            if case .reply(_, let reply)? = events.first { return reply }
            if session.isReadingMultiLine {
                let data = try await connection.readPOP3MultiLine()
                do {
                    if case .reply(_, let reply) = try session.completeMultiLine(data: data) { return reply }
                } catch {
                    throw .protocolError("\(error)")
                }
            }
        }
    }

    private func feed(_ line: [UInt8]) async throws(MailClientError) -> [POP3ClientEvent] {
        do {
            return try session.receive(line + [0x0D, 0x0A])
        } catch {
            throw .protocolError("\(error)")
        }
    }
}
