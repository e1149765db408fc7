/// The POP3 client as a pure state machine (RFC 1939): commands in, wire bytes out; bytes
/// in, replies out. It frames status lines and multi-line replies (removing the dot-
/// stuffing), pairs replies with the commands sent (several may be in flight: RFC 2449
/// PIPELINING), and tracks the AUTHORIZATION → TRANSACTION → UPDATE states. No I/O: the
/// NIO driver (`MailClient/POP3`) moves the bytes.
public struct POP3ClientSession: Sendable {
    public enum State: Sendable, Hashable, CustomStringConvertible {
        /// Waiting for the server's greeting.
        case greeting
        case authorization
        case transaction
        /// QUIT sent or the greeting refused: nothing more may be sent.
        case closed

        public var description: String {
            switch self {
            case .greeting: return "greeting"
            case .authorization: return "AUTHORIZATION"
            case .transaction: return "TRANSACTION"
            case .closed: return "closed"
            }
        }
    }

    public private(set) var state: State = .greeting
    /// Status lines longer than this are refused (RFC 2449 §4 says 512; servers add text).
    public let maximumLineLength: Int
    /// A multi-line reply (a message) larger than this is refused.
    public let maximumReplySize: Int

    private var buffer: [UInt8] = []
    private var consumed = 0
    private var pending: [POP3ClientCommand] = []
    /// The status line of the multi-line reply being read, and its data so far.
    private var multiLine: POP3ClientReply?
    private var data: [UInt8] = []
    private var greeted = false

    public init(maximumLineLength: Int = 8192, maximumReplySize: Int = 256 << 20) {
        self.maximumLineLength = maximumLineLength
        self.maximumReplySize = maximumReplySize
    }

    /// Commands sent whose replies have not all arrived.
    public var awaitingReplies: Int { pending.count }

    /// Returns the bytes to write for `command`, or throws when it may not be sent now.
    public mutating func send(_ command: POP3ClientCommand) throws(POP3ClientError) -> [UInt8] {
        guard Self.allowed(command, in: state) else { throw .notAllowed(command: command.verb, state: state) }
        guard !command.hasUnsafeArgument else { throw .unsafeArgument(command: command.verb) }
        if command == .stls, !pending.isEmpty { throw .bytesAcrossTLS }
        pending.append(command)
        return command.encoded
    }

    /// Feeds bytes read from the server; returns the events they complete.
    public mutating func receive(_ bytes: some Collection<UInt8>) throws(POP3ClientError) -> [POP3ClientEvent] {
        buffer.append(contentsOf: bytes)
        var events: [POP3ClientEvent] = []
        while let line = try nextLine() {
            if let event = try handle(line) {
                events.append(event)
                // RFC 2595 §4: after +OK to STLS the next octets must be the TLS handshake.
                if case .reply(.stls, let reply) = event, reply.isOK, consumed < buffer.count { throw .bytesAcrossTLS }
            }
        }
        compact()
        return events
    }

    private mutating func handle(_ line: ArraySlice<UInt8>) throws(POP3ClientError) -> POP3ClientEvent? {
        if var reply = multiLine {
            // RFC 1939 §3: a line of "." alone ends the reply; a leading "." is stuffing.
            if line.count == 1, line.first == 0x2E {
                reply.data = data
                multiLine = nil
                data = []
                return .reply(pending.removeFirst(), reply)
            }
            let content = line.first == 0x2E ? line.dropFirst() : line
            guard data.count + content.count + 2 <= maximumReplySize else { throw .replyTooLarge(limit: maximumReplySize) }
            data.append(contentsOf: content)
            data.append(contentsOf: [0x0D, 0x0A])
            return nil
        }
        guard let reply = POP3ClientReply.status(line: Array(line)) else {
            throw .malformedReply(String(decoding: line, as: UTF8.self))
        }
        if !greeted {
            greeted = true
            state = reply.isOK ? .authorization : .closed
            return .greeting(reply)
        }
        guard let command = pending.first else {
            throw .malformedReply("unsolicited: " + String(decoding: line, as: UTF8.self))
        }
        if reply.isOK && command.expectsMultiLine {
            multiLine = reply
            data = []
            return nil
        }
        pending.removeFirst()
        switch command {
        case .pass, .authPlain:
            if reply.isOK { state = .transaction }
        case .quit:
            state = .closed
        default:
            break
        }
        return .reply(command, reply)
    }

    /// True after the status line of a positive multi-line reply, until its end.
    public var isReadingMultiLine: Bool { multiLine != nil }

    /// Completes the multi-line reply being read with data a transport already framed and
    /// unstuffed (lines ending in CRLF, without the final "."), so a large message is not
    /// fed line by line. Only valid while `isReadingMultiLine`.
    public mutating func completeMultiLine(data framed: [UInt8]) throws(POP3ClientError) -> POP3ClientEvent {
        guard var reply = multiLine, consumed == buffer.count else {
            throw .malformedReply("multi-line data without a multi-line reply")
        }
        guard data.count + framed.count <= maximumReplySize else { throw .replyTooLarge(limit: maximumReplySize) }
        reply.data = data + framed
        multiLine = nil
        data = []
        return .reply(pending.removeFirst(), reply)
    }

    /// The next complete line without its line end (CRLF, or a bare LF from a lax server).
    private mutating func nextLine() throws(POP3ClientError) -> ArraySlice<UInt8>? {
        guard let newline = buffer[consumed...].firstIndex(of: 0x0A) else {
            // An incomplete line is refused only when it cannot fit once complete, so that
            // where the reads split a line never matters: its CR does not count, and in a
            // multi-line reply the two octets of a "." terminator add nothing to the data
            // (a data line adds at least as many octets as it has here).
            let pending = buffer.count - consumed
            if multiLine == nil, pending > maximumLineLength + 1 { throw .replyTooLarge(limit: maximumLineLength) }
            if multiLine != nil, data.count + pending > maximumReplySize + 2 {
                throw .replyTooLarge(limit: maximumReplySize)
            }
            return nil
        }
        var end = newline
        if end > consumed, buffer[end - 1] == 0x0D { end -= 1 }
        let line = buffer[consumed..<end]
        consumed = newline + 1
        if multiLine == nil, line.count > maximumLineLength { throw .replyTooLarge(limit: maximumLineLength) }
        return line
    }

    private mutating func compact() {
        if consumed == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            consumed = 0
        } else if consumed > 1 << 16 {
            buffer.removeFirst(consumed)
            consumed = 0
        }
    }

    static func allowed(_ command: POP3ClientCommand, in state: State) -> Bool {
        switch state {
        case .greeting, .closed:
            return false
        case .authorization:
            switch command {
            case .capa, .stls, .user, .pass, .authPlain, .quit: return true
            default: return false
            }
        case .transaction:
            switch command {
            case .stls, .user, .pass, .authPlain: return false
            default: return true
            }
        }
    }
}
