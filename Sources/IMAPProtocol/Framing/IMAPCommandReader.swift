/// Incremental command framing (RFC 3501 §2.2, §7.5; RFC 7888 LITERAL+; RFC 3516 `~{n}`).
///
/// Bytes go in with `append(_:)`; `nextCommand()` hands out what they complete, one event
/// at a time. A command is its lines plus the literals they announce. Memory is bounded by
/// `limits`: a line or literal beyond its limit is reported once (`.rejected`) and then
/// skipped without being buffered — a refused synchronizing literal will not be sent by
/// the client (it gets no continuation), a refused non-synchronizing one is discarded by
/// counting octets — after which framing resumes at the next command. Large APPEND
/// literals can be spilled instead of kept (`spillLiteralSize`).
///
/// Between commands the session may read raw lines instead (`nextLine(maximumLength:)`)
/// for AUTHENTICATE responses and IDLE's `DONE`.
///
/// The reader only looks at input when asked: the I/O layer should stop reading from the
/// socket while a command is being executed (or `bufferedByteCount` grows), since bytes
/// appended are kept until the session pulls them.
public struct IMAPCommandReader: Sendable {
    /// May be changed at any time (for instance after login, or per APPENDLIMIT).
    public var limits: IMAPReaderLimits

    /// What `nextCommand()` found.
    public enum Event: Hashable, Sendable {
        /// Nothing complete yet: read more from the socket.
        case needMoreData
        /// A complete command, for `IMAPCommandParser.parse(_:)`.
        case command(IMAPCommandFrame)
        /// The client announced a synchronizing literal within the limits and waits: send
        /// a continuation request ("+ Ready") and keep reading, or refuse it with
        /// `rejectPendingLiteral()` and answer the tag yourself (e.g. `NO [TRYCREATE]` for
        /// an APPEND to a missing mailbox, `NO [OVERQUOTA]`).
        case continuationRequired(IMAPLiteralRequest)
        /// The command broke a limit; answer with `error.response`. The rest of it is being
        /// skipped.
        case rejected(IMAPFramingError)
        /// A non-synchronizing literal (RFC 7888) of at least `reportedLiteralSize` octets
        /// is arriving: the client sends it without waiting. Call `nextCommand()` to
        /// receive it, or `discardPendingLiteral()` to skip it and answer the tag yourself.
        case literalArriving(IMAPLiteralRequest)
        /// Octets of a spilled literal (`spillLiteralSize`), in order, as they arrive; the
        /// frame will mark the literal `spilled` and not hold them.
        case literalData([UInt8])
    }

    /// Non-synchronizing literals from this size on are announced by `.literalArriving`
    /// (the server counts large ones against its memory budget); by default none are.
    public var reportedLiteralSize = Int.max

    /// APPEND literals from this size on are spilled: announced (`.continuationRequired`
    /// or `.literalArriving`, with `isSpilled`), then handed out as `.literalData` chunks
    /// instead of being kept, so the server can write them to a file as they arrive. They
    /// still count against `maximumCommandSize`. By default none are.
    public var spillLiteralSize = Int.max

    /// What `nextLine(maximumLength:)` found.
    public enum LineEvent: Hashable, Sendable {
        case needMoreData
        /// The line without its CRLF (or bare LF).
        case line([UInt8])
        /// Longer than the limit; skipped up to its end.
        case tooLong
    }

    private enum State: Hashable, Sendable {
        /// Reading a line of a command (the first one when `command` is empty).
        case line
        /// Receiving literal data into `command`.
        case literal(remaining: Int, isBinary: Bool, isSynchronizing: Bool, spilled: Bool)
        /// Discarding the rest of a refused command's line; `tail` keeps its last octets to
        /// see whether it announces a literal.
        case skippingLine(tail: [UInt8])
        /// Discarding a refused non-synchronizing literal.
        case skippingLiteral(remaining: UInt64)
    }

    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Where the LF search resumes, so a line trickling in is scanned once.
    private var scanIndex = 0
    private var state = State.line
    /// The command assembled so far.
    private var command: [UInt8] = []
    private var literals: [IMAPCommandFrame.Literal] = []
    private var header: IMAPCommandHeader?
    /// A raw line being skipped because it is too long.
    private var skippingRawLine = false
    /// The announced size of the literal being received.
    private var pendingLiteralSize = 0
    /// Literals of the command so far handed out rather than kept, and their octets.
    private var spilledCount = 0
    private var spilledOctets = 0

    public init(limits: IMAPReaderLimits = .default) {
        self.limits = limits
    }

    /// Octets received and not yet consumed.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// True between commands (nothing of a command received yet).
    public var isIdle: Bool { state == .line && command.isEmpty && bufferedByteCount == 0 }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
            scanIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Drops every buffered octet and any partial command: after STARTTLS, nothing sent in
    /// plaintext may be read as a command (RFC 3501 §6.2.1, the STARTTLS injection).
    /// Takes out the bytes buffered after the last framed command (after COMPRESS, the
    /// glue inflates them before reading on).
    public mutating func takeBufferedInput() -> [UInt8] {
        let rest = Array(buffer[readIndex...])
        discardBufferedInput()
        return rest
    }

    public mutating func discardBufferedInput() {
        buffer = []
        readIndex = 0
        scanIndex = 0
        resetCommand()
        state = .line
        skippingRawLine = false
    }

    /// Refuses the synchronizing literal just announced by `.continuationRequired`: the
    /// client will not send it, so the command ends here and framing resumes with the
    /// next line. The session answers the tag.
    public mutating func rejectPendingLiteral() {
        if case .literal = state {
            resetCommand()
            state = .line
        }
    }

    /// Skips the non-synchronizing literal just announced by `.literalArriving` — its
    /// octets are counted off as they come, never buffered — and the rest of its command;
    /// framing resumes with the next command. The session answers the tag.
    public mutating func discardPendingLiteral() {
        guard case .literal(let remaining, _, false, _) = state else { return }
        resetCommand()
        state = .skippingLiteral(remaining: UInt64(remaining))
    }

    // MARK: Commands

    public mutating func nextCommand() -> Event {
        while true {
            switch state {
            case .line:
                if let event = readCommandLine() { return event }
            case .literal(let remaining, let isBinary, let isSynchronizing, true):
                let take = min(remaining, bufferedByteCount)
                guard take > 0 else { return .needMoreData }
                let chunk = Array(buffer[readIndex..<(readIndex + take)])
                consume(take)
                if take < remaining {
                    state = .literal(remaining: remaining - take, isBinary: isBinary, isSynchronizing: isSynchronizing, spilled: true)
                } else {
                    let spilled = IMAPSpilledLiteral(index: spilledCount, size: pendingLiteralSize)
                    literals.append(.init(range: command.count..<command.count, isBinary: isBinary,
                                          isSynchronizing: isSynchronizing, spilled: spilled))
                    spilledCount += 1
                    spilledOctets += pendingLiteralSize
                    state = .line
                }
                return .literalData(chunk)
            case .literal(let remaining, let isBinary, let isSynchronizing, false):
                let take = min(remaining, bufferedByteCount)
                command.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                consume(take)
                if take < remaining {
                    state = .literal(remaining: remaining - take, isBinary: isBinary, isSynchronizing: isSynchronizing, spilled: false)
                    return .needMoreData
                }
                let size = pendingLiteralSize
                literals.append(.init(range: (command.count - size)..<command.count, isBinary: isBinary,
                                      isSynchronizing: isSynchronizing))
                state = .line
            case .skippingLine(var tail):
                guard let lf = findLF() else {
                    tail = Array((tail + buffer[readIndex...]).suffix(32))
                    consume(bufferedByteCount)
                    state = .skippingLine(tail: tail)
                    return .needMoreData
                }
                tail = Array((tail + buffer[readIndex..<lf]).suffix(32))
                consume(lf + 1 - readIndex)
                if tail.last == IMAPCharacterClass.cr { tail.removeLast() }
                if let marker = IMAPLiteralMarker.find(in: tail[...]), !marker.isSynchronizing {
                    state = .skippingLiteral(remaining: marker.size ?? UInt64.max)
                } else {
                    // No literal, or a synchronizing one that the client will not send.
                    state = .line
                }
            case .skippingLiteral(let remaining):
                let take = Int(min(remaining, UInt64(bufferedByteCount)))
                consume(take)
                if UInt64(take) < remaining {
                    state = .skippingLiteral(remaining: remaining - UInt64(take))
                    return .needMoreData
                }
                state = .skippingLine(tail: [])
            }
        }
    }


    /// Handles one line of a command; nil to keep looping.
    private mutating func readCommandLine() -> Event? {
        guard let lf = findLF() else {
            let pending = bufferedByteCount
            if pending > limits.maximumLineLength {
                return reject(.lineTooLong(limit: limits.maximumLineLength), lineStart: readIndex, lineEnd: buffer.count, consumeThrough: nil)
            }
            if command.count + spilledOctets + pending > commandLimit {
                return reject(.commandTooLarge(limit: limits.maximumCommandSize), lineStart: readIndex, lineEnd: buffer.count, consumeThrough: nil)
            }
            return .needMoreData
        }
        var end = lf
        if end > readIndex, buffer[end - 1] == IMAPCharacterClass.cr { end -= 1 }
        let length = lf + 1 - readIndex
        if command.isEmpty && end == readIndex {
            // A blank line between commands: ignored (some clients send one after APPEND).
            consume(length)
            return nil
        }
        if command.isEmpty { header = IMAPCommandHeader(firstLine: buffer[readIndex..<end]) }
        if length > limits.maximumLineLength {
            return reject(.lineTooLong(limit: limits.maximumLineLength), lineStart: readIndex, lineEnd: end, consumeThrough: lf)
        }
        if command.count + spilledOctets + length > commandLimit {
            return reject(.commandTooLarge(limit: limits.maximumCommandSize), lineStart: readIndex, lineEnd: end, consumeThrough: lf)
        }
        let line = buffer[readIndex..<end]
        guard let marker = IMAPLiteralMarker.find(in: line) else {
            command.append(contentsOf: line)
            consume(length)
            let frame = IMAPCommandFrame(bytes: command, literals: literals)
            resetCommand()
            return .command(frame)
        }
        let limit = (header?.isAppend ?? false) ? limits.maximumAppendSize : limits.maximumLiteralSize
        let tooLarge: IMAPFramingError.Kind?
        if let size = marker.size, size <= UInt64(limit) {
            tooLarge = Int(size) > commandLimit - command.count - spilledOctets - length ? .commandTooLarge(limit: limits.maximumCommandSize) : nil
        } else {
            tooLarge = .literalTooLarge(size: marker.size, limit: limit)
        }
        if let tooLarge {
            consume(length)
            let error = IMAPFramingError(kind: tooLarge, tag: header?.tag, command: header?.command,
                                         octetsToDiscard: marker.isSynchronizing ? nil : (marker.size ?? UInt64.max))
            resetCommand()
            state = marker.isSynchronizing ? .line : .skippingLiteral(remaining: marker.size ?? UInt64.max)
            return .rejected(error)
        }
        let size = Int(marker.size ?? 0)
        let spilled = (header?.isAppend ?? false) && size >= spillLiteralSize
        command.append(contentsOf: line)
        command.append(contentsOf: [IMAPCharacterClass.cr, IMAPCharacterClass.lf])
        // Grow as data arrives: an announcement alone must not allocate much.
        if !spilled { command.reserveCapacity(command.count + min(size, 1 << 20)) }
        consume(length)
        pendingLiteralSize = size
        state = .literal(remaining: size, isBinary: marker.isBinary, isSynchronizing: marker.isSynchronizing, spilled: spilled)
        if marker.isSynchronizing || size >= reportedLiteralSize || spilled {
            let mailbox = (header?.isAppend ?? false) ? appendMailbox() : nil
            let request = IMAPLiteralRequest(tag: header?.tag, command: header?.command, size: size,
                                             isBinary: marker.isBinary, appendMailbox: mailbox, isSpilled: spilled)
            return marker.isSynchronizing ? .continuationRequired(request) : .literalArriving(request)
        }
        return nil
    }

    /// Reports a limit broken in the line at `lineStart..<lineEnd` and arranges to skip the
    /// rest of the command. `consumeThrough` is the LF when the line is complete.
    private mutating func reject(_ kind: IMAPFramingError.Kind, lineStart: Int, lineEnd: Int,
                                 consumeThrough lf: Int?) -> Event {
        if command.isEmpty { header = IMAPCommandHeader(firstLine: buffer[lineStart..<lineEnd]) }
        let error = IMAPFramingError(kind: kind, tag: header?.tag, command: header?.command)
        let tail = Array(buffer[lineStart..<lineEnd].suffix(32))
        resetCommand()
        if let lf {
            consume(lf + 1 - readIndex)
            if let marker = IMAPLiteralMarker.find(in: tail[...]), !marker.isSynchronizing {
                state = .skippingLiteral(remaining: marker.size ?? UInt64.max)
                return .rejected(IMAPFramingError(kind: kind, tag: error.tag, command: error.command,
                                                  octetsToDiscard: marker.size ?? UInt64.max))
            }
            state = .line
        } else {
            consume(bufferedByteCount)
            state = .skippingLine(tail: tail)
        }
        return .rejected(error)
    }

    /// For an APPEND whose literal is announced: the target mailbox when the command so far
    /// already names it (when the mailbox is itself this literal, it cannot be read yet).
    private func appendMailbox() -> IMAPMailboxName? {
        var cursor = IMAPParseCursor(frame: IMAPCommandFrame(bytes: command, literals: literals))
        while let b = cursor.peek(), IMAPCharacterClass.isTagChar(b) { cursor.position += 1 }
        guard cursor.skip(IMAPCharacterClass.space), (try? cursor.keyword()) == "APPEND",
              cursor.skip(IMAPCharacterClass.space) else { return nil }
        return try? cursor.mailbox()
    }

    private var commandLimit: Int {
        let base = limits.maximumCommandSize
        return (header?.isAppend ?? false) ? base + limits.maximumAppendSize : base
    }

    private mutating func resetCommand() {
        command = []
        literals = []
        header = nil
        pendingLiteralSize = 0
        spilledCount = 0
        spilledOctets = 0
    }

    // MARK: Raw lines

    /// The next line as is, for AUTHENTICATE responses (RFC 3501 §6.2.2) and IDLE's
    /// `DONE` (RFC 2177). Only call it between commands; a partial command is dropped.
    public mutating func nextLine(maximumLength: Int) -> LineEvent {
        if state != .line || !command.isEmpty {
            resetCommand()
            state = .line
        }
        guard let lf = findLF() else {
            if skippingRawLine || bufferedByteCount > maximumLength {
                skippingRawLine = true
                consume(bufferedByteCount)
            }
            return .needMoreData
        }
        let length = lf + 1 - readIndex
        var end = lf
        if end > readIndex, buffer[end - 1] == IMAPCharacterClass.cr { end -= 1 }
        let result: LineEvent = (skippingRawLine || length > maximumLength) ? .tooLong : .line(Array(buffer[readIndex..<end]))
        skippingRawLine = false
        consume(length)
        return result
    }

    // MARK: Buffer

    private mutating func findLF() -> Int? {
        if scanIndex < readIndex { scanIndex = readIndex }
        while scanIndex < buffer.count {
            if buffer[scanIndex] == IMAPCharacterClass.lf { return scanIndex }
            scanIndex += 1
        }
        return nil
    }

    private mutating func consume(_ count: Int) {
        readIndex += count
        if scanIndex < readIndex { scanIndex = readIndex }
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= 64 * 1024 && readIndex * 2 >= buffer.count {
            buffer.removeFirst(readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }
}

/// A literal a command announces: a synchronizing one the client waits to send, or a large
/// non-synchronizing one already arriving.
public struct IMAPLiteralRequest: Hashable, Sendable {
    public let tag: String?
    /// Upper-case command name ("APPEND", "UID SEARCH"…).
    public let command: String?
    public let size: Int
    public let isBinary: Bool
    /// For APPEND: the target mailbox when it precedes this literal, so the session can
    /// refuse at once (`NO [TRYCREATE]`, `NO [OVERQUOTA]`) with `rejectPendingLiteral()`.
    public let appendMailbox: IMAPMailboxName?
    /// The octets will come as `.literalData` chunks, not kept in the frame.
    public let isSpilled: Bool

    public init(tag: String?, command: String?, size: Int, isBinary: Bool, appendMailbox: IMAPMailboxName? = nil,
                isSpilled: Bool = false) {
        self.tag = tag
        self.command = command
        self.size = size
        self.isBinary = isBinary
        self.appendMailbox = appendMailbox
        self.isSpilled = isSpilled
    }
}
