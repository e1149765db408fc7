import IMAPProtocol
import Logging

/// An IMAP4rev1 client session over a `MailConnection` (RFC 3501): greeting, capabilities,
/// STARTTLS, login, and the commands that copying and fetching mail need, with pipelined
/// UID FETCH.
public actor IMAPClient {
    public let connection: MailConnection
    public private(set) var capabilities: Set<String> = []
    private var tagCounter = 0
    let logger: Logger?

    init(connection: MailConnection, logger: Logger?) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects, reads the greeting, upgrades with STARTTLS when `settings.tls` says so, and
    /// learns the capabilities.
    public static func connect(_ settings: ConnectionSettings, logger: Logger? = nil) async throws(MailClientError) -> IMAPClient {
        let connection = try await MailConnection.connect(settings)
        let client = IMAPClient(connection: connection, logger: logger)
        do {
            try await client.start(tls: settings.tls)
        } catch {
            await connection.close()
            throw error
        }
        return client
    }

    private func start(tls: ClientTLSMode) async throws(MailClientError) {
        let greeting = try await readResponse()
        guard case let .untagged(.status(status)) = greeting, status.kind == .ok || status.kind == .preauth else {
            throw .protocolError("unexpected greeting: \(greeting)")
        }
        if case let .capability(list)? = status.code { setCapabilities(list) } else { try await refreshCapabilities() }
        if tls == .starttls {
            guard has("STARTTLS") else { throw .protocolError("the server does not offer STARTTLS") }
            _ = try await run(IMAPClientCommand(tag: nextTag(), "STARTTLS"))
            try await connection.startTLS()
            // RFC 3501 §6.2.1: capabilities learned before TLS are discarded.
            try await refreshCapabilities()
        }
    }

    // MARK: Capabilities

    public func has(_ capability: String) -> Bool { capabilities.contains(capability.uppercased()) }

    func setCapabilities(_ list: [String]) {
        capabilities = Set(list.map { $0.uppercased() })
    }

    public func refreshCapabilities() async throws(MailClientError) {
        let result = try await run(IMAPClientCommand(tag: nextTag(), "CAPABILITY"))
        for case let .capability(list) in result.untagged { setCapabilities(list) }
    }

    // MARK: Login

    public func login(_ credentials: IMAPCredentials) async throws(MailClientError) {
        let completion: IMAPClientStatus
        do {
            switch credentials {
            case let .password(user, password):
                if has("LOGINDISABLED") {
                    completion = try await authenticatePlain(authorization: "", authentication: user, password: password)
                } else {
                    completion = try await loginCommand(user: user, password: password)
                }
            case let .masterUser(user, admin, password, separator):
                if separator.isEmpty {
                    completion = try await authenticatePlain(authorization: user, authentication: admin, password: password)
                } else {
                    completion = try await loginCommand(user: user + separator + admin, password: password)
                }
            }
        } catch let MailClientError.commandFailed(_, response) {
            throw .authenticationFailed(response)
        }
        if case let .capability(list)? = completion.code {
            setCapabilities(list)
        } else {
            try await refreshCapabilities()
        }
    }

    private func loginCommand(user: String, password: String) async throws(MailClientError) -> IMAPClientStatus {
        var command = IMAPClientCommand(tag: nextTag(), "LOGIN")
        command.string(user)
        command.string(password)
        return try await run(command, logAs: "LOGIN \(user) ***").status
    }

    /// RFC 4616 PLAIN, with the initial response inline when SASL-IR is offered (RFC 4959).
    private func authenticatePlain(authorization: String, authentication: String, password: String) async throws(MailClientError)
        -> IMAPClientStatus {
        let encoded = IMAPClientSASL.plain(authorization: authorization, authentication: authentication, password: password)
        let tag = nextTag()
        if has("SASL-IR") {
            var command = IMAPClientCommand(tag: tag, "AUTHENTICATE PLAIN")
            command.raw(encoded)
            return try await run(command, logAs: "AUTHENTICATE PLAIN ***").status
        }
        try await connection.write("\(tag) AUTHENTICATE PLAIN\r\n")
        while true {
            let response = try await readResponse()
            switch response {
            case .continuation:
                try await connection.write(encoded + "\r\n")
            case let .tagged(responseTag, status) where responseTag == tag:
                guard status.kind == .ok else { throw .commandFailed(command: "AUTHENTICATE", response: status.summary) }
                return status
            default:
                continue
            }
        }
    }

    // MARK: Mailboxes

    /// Every mailbox (`LIST "" *`), with special-use attributes when the server offers them
    /// (RFC 6154 §2: `RETURN (SPECIAL-USE)` needs LIST-EXTENDED; SPECIAL-USE servers include
    /// them in plain LIST too).
    public func list(pattern: String = "*") async throws(MailClientError) -> [IMAPClientListEntry] {
        var command = IMAPClientCommand(tag: nextTag(), "LIST")
        command.string("")
        command.string(pattern)
        if has("SPECIAL-USE") && has("LIST-EXTENDED") { command.raw("RETURN (SPECIAL-USE)") }
        return try await run(command).untagged.compactMap { if case let .list(entry) = $0 { entry } else { nil } }
    }

    public func lsub(pattern: String = "*") async throws(MailClientError) -> [IMAPClientListEntry] {
        var command = IMAPClientCommand(tag: nextTag(), "LSUB")
        command.string("")
        command.string(pattern)
        return try await run(command).untagged.compactMap { if case let .lsub(entry) = $0 { entry } else { nil } }
    }

    /// The personal namespaces (RFC 2342), empty without NAMESPACE.
    public func namespace() async throws(MailClientError) -> [IMAPClientNamespace] {
        guard has("NAMESPACE") else { return [] }
        let result = try await run(IMAPClientCommand(tag: nextTag(), "NAMESPACE"))
        for case let .namespace(personal) in result.untagged { return personal }
        return []
    }

    /// SELECT (or EXAMINE when `readOnly`) a mailbox by its name as the server spells it.
    public func select(_ name: String, readOnly: Bool = false) async throws(MailClientError) -> IMAPSelectedMailbox {
        var command = IMAPClientCommand(tag: nextTag(), readOnly ? "EXAMINE" : "SELECT")
        command.mailbox(name)
        let result = try await run(command)
        var selected = IMAPSelectedMailbox(name: name)
        for item in result.untagged {
            switch item {
            case let .exists(count): selected.exists = count
            case let .flags(flags): selected.flags = flags
            case let .status(status):
                switch status.code {
                case let .uidValidity(value)?: selected.uidValidity = value
                case let .uidNext(value)?: selected.uidNext = value
                case let .permanentFlags(flags)?: selected.permanentFlags = flags
                case let .highestModSeq(value)?: selected.highestModSeq = value
                default: break
                }
            default: break
            }
        }
        selected.readOnly = result.status.code == .readOnly || readOnly
        return selected
    }

    public func status(_ name: String, items: [String] = ["MESSAGES", "UIDNEXT", "UIDVALIDITY"]) async throws(MailClientError)
        -> [String: UInt64] {
        var command = IMAPClientCommand(tag: nextTag(), "STATUS")
        command.mailbox(name)
        command.raw("(\(items.joined(separator: " ")))")
        for case let .mailboxStatus(_, values) in try await run(command).untagged { return values }
        return [:]
    }

    // MARK: Messages

    /// `UID SEARCH criteria` (e.g. "ALL", "UID 120:*"): the UIDs, ascending.
    public func uidSearch(_ criteria: String = "ALL") async throws(MailClientError) -> [UInt32] {
        var command = IMAPClientCommand(tag: nextTag(), "UID SEARCH")
        command.raw(criteria)
        var uids: [UInt32] = []
        for case let .search(found) in try await run(command).untagged { uids.append(contentsOf: found) }
        return uids.sorted()
    }

    /// `UID FETCH` of `uids` in batches of `batchSize`, with up to `window` commands in flight
    /// (pipelining, RFC 3501 §5.5): the round trip is paid once per window, not per message.
    /// `handler` receives each FETCH response as it arrives.
    public func uidFetch(_ uids: [UInt32], items: String, batchSize: Int = 100, window: Int = 4,
                         _ handler: @Sendable (IMAPClientFetch) async throws -> Void) async throws {
        guard !uids.isEmpty else { return }
        let sorted = uids.sorted()
        var batches: [String] = []
        var start = 0
        while start < sorted.count {
            let end = min(start + max(1, batchSize), sorted.count)
            batches.append(IMAPClientUIDSet.string(sorted[start..<end]))
            start = end
        }
        try await uidFetch(sets: batches, items: items, window: window, handler)
    }

    /// `UID FETCH` of each sequence set, pipelined `window` deep.
    public func uidFetch(sets: [String], items: String, window: Int = 4,
                         _ handler: @Sendable (IMAPClientFetch) async throws -> Void) async throws {
        var next = 0
        var inFlight: Set<String> = []
        var firstFailure: MailClientError?
        while next < sets.count && inFlight.count < max(1, window) {
            inFlight.insert(try await sendFetch(sets[next], items: items))
            next += 1
        }
        while !inFlight.isEmpty {
            let response = try await readResponse()
            switch response {
            case let .untagged(.fetch(fetch)):
                if firstFailure == nil { try await handler(fetch) }
            case let .tagged(tag, status):
                guard inFlight.remove(tag) != nil else { continue }
                if status.kind != .ok && firstFailure == nil {
                    firstFailure = .commandFailed(command: "UID FETCH", response: status.summary)
                }
                if firstFailure == nil && next < sets.count {
                    inFlight.insert(try await sendFetch(sets[next], items: items))
                    next += 1
                }
            case let .untagged(.status(status)) where status.kind == .bye:
                throw MailClientError.protocolError("server closed the session: \(status.text)")
            default:
                continue
            }
        }
        if let firstFailure { throw firstFailure }
    }

    private func sendFetch(_ set: String, items: String) async throws(MailClientError) -> String {
        var command = IMAPClientCommand(tag: nextTag(), "UID FETCH")
        command.raw(set)
        command.raw(items)
        try await write(command)
        return command.tag
    }

    /// `UID STORE set operation (flags)`, e.g. operation "+FLAGS.SILENT".
    public func uidStore(_ uids: [UInt32], operation: String, flags: [String]) async throws(MailClientError) {
        guard !uids.isEmpty else { return }
        var command = IMAPClientCommand(tag: nextTag(), "UID STORE")
        command.raw(IMAPClientUIDSet.string(uids))
        command.raw(operation)
        command.raw("(\(flags.joined(separator: " ")))")
        _ = try await run(command)
    }

    /// Removes just `uids` (already flagged \Deleted), never a message someone else marked
    /// \Deleted: UID EXPUNGE when UIDPLUS is offered (RFC 4315 §2.1); without it, the
    /// fallback §2.1 recommends — the other \Deleted messages lose the flag for the time of
    /// a plain EXPUNGE and get it back afterwards (also when the EXPUNGE fails). `nil`: a
    /// plain EXPUNGE of everything flagged.
    public func expunge(uids: [UInt32]? = nil) async throws(MailClientError) {
        guard let uids else {
            _ = try await run(IMAPClientCommand(tag: nextTag(), "EXPUNGE"))
            return
        }
        guard !uids.isEmpty else { return }
        if has("UIDPLUS") {
            var command = IMAPClientCommand(tag: nextTag(), "UID EXPUNGE")
            command.raw(IMAPClientUIDSet.string(uids))
            _ = try await run(command)
            return
        }
        let ours = Set(uids)
        let others = try await uidSearch("DELETED").filter { !ours.contains($0) }
        guard !others.isEmpty else {
            _ = try await run(IMAPClientCommand(tag: nextTag(), "EXPUNGE"))
            return
        }
        logger?.info("no UIDPLUS: \\Deleted taken off \(others.count) other message(s) for the EXPUNGE, then restored")
        try await uidStore(others, operation: "-FLAGS.SILENT", flags: ["\\Deleted"])
        let expunged: Swift.Result<Void, MailClientError>
        do {
            _ = try await run(IMAPClientCommand(tag: nextTag(), "EXPUNGE"))
            expunged = .success(())
        } catch {
            expunged = .failure(error)
        }
        try await uidStore(others, operation: "+FLAGS.SILENT", flags: ["\\Deleted"])
        try expunged.get()
    }

    /// IDLE (RFC 2177) until the server reports a change or `timeout` passes; then DONE.
    /// Returns the untagged responses received (EXISTS, EXPUNGE, FETCH…).
    public func idle(timeout: Duration) async throws(MailClientError) -> [IMAPClientUntagged] {
        guard has("IDLE") else { throw .protocolError("the server does not offer IDLE") }
        let tag = nextTag()
        try await connection.write("\(tag) IDLE\r\n")
        var received: [IMAPClientUntagged] = []
        while true {
            let response = try await readResponse()
            if case .continuation = response { break }
            if case let .tagged(_, status) = response {
                throw .commandFailed(command: "IDLE", response: status.summary)
            }
            if case let .untagged(item) = response { received.append(item) }
        }
        if received.isEmpty, try await connection.waitForData(timeout: timeout) {
            if case let .untagged(item) = try await readResponse() { received.append(item) }
        }
        try await connection.write("DONE\r\n")
        while true {
            let response = try await readResponse()
            switch response {
            case let .tagged(responseTag, status) where responseTag == tag:
                guard status.kind == .ok else { throw .commandFailed(command: "IDLE", response: status.summary) }
                return received
            case let .untagged(item):
                received.append(item)
            default:
                continue
            }
        }
    }

    /// LOGOUT and close; errors are ignored (the work is done).
    public func logout() async {
        _ = try? await run(IMAPClientCommand(tag: nextTag(), "LOGOUT"))
        await connection.close()
    }

    public func close() async {
        await connection.close()
    }

    // MARK: Plumbing

    public struct Result: Sendable {
        public var untagged: [IMAPClientUntagged]
        public var status: IMAPClientStatus
    }

    func nextTag() -> String {
        tagCounter += 1
        return "p\(tagCounter)"
    }

    /// Sends a command and reads up to its completion; NO and BAD throw `commandFailed`.
    @discardableResult
    public func run(_ command: IMAPClientCommand, logAs: String? = nil) async throws(MailClientError) -> Result {
        try await write(command, logAs: logAs)
        var untagged: [IMAPClientUntagged] = []
        while true {
            let response = try await readResponse()
            switch response {
            case let .tagged(tag, status) where tag == command.tag:
                guard status.kind == .ok else {
                    let name = logAs ?? String(decoding: Self.firstText(command).prefix(60), as: UTF8.self)
                    throw .commandFailed(command: name, response: status.summary)
                }
                return Result(untagged: untagged, status: status)
            case let .untagged(.status(status)) where status.kind == .bye && !command.isLogout:
                throw .protocolError("server closed the session: \(status.text)")
            case let .untagged(item):
                untagged.append(item)
            default:
                continue
            }
        }
    }

    /// Writes a command, waiting for `+` before each synchronizing literal.
    func write(_ command: IMAPClientCommand, logAs: String? = nil) async throws(MailClientError) {
        logger?.trace("C: \(logAs ?? String(decoding: Self.firstText(command), as: UTF8.self))")
        let segments = command.segments(literalPlus: has("LITERAL+"))
        for (index, segment) in segments.enumerated() {
            try await connection.write(segment)
            guard index < segments.count - 1 else { break }
            while true {
                let response = try await readResponse()
                if case .continuation = response { break }
                if case let .tagged(_, status) = response, status.kind != .ok {
                    throw .commandFailed(command: "literal", response: status.summary)
                }
            }
        }
    }

    static func firstText(_ command: IMAPClientCommand) -> [UInt8] {
        if case let .text(bytes)? = command.parts.first { return bytes }
        return []
    }

    func readResponse() async throws(MailClientError) -> IMAPClientResponse {
        let bytes = try await connection.readIMAPResponse()
        do {
            return try IMAPClientResponseParser.parse(bytes)
        } catch {
            let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            throw .protocolError("\(error.reason): \(text)")
        }
    }
}

extension IMAPClientCommand {
    var isLogout: Bool {
        guard case let .text(bytes)? = parts.first else { return false }
        return String(decoding: bytes, as: UTF8.self).hasSuffix(" LOGOUT")
    }
}
