import ProtocolCore

/// Reads complete commands (or SASL response lines) from the client's octets: lines, with
/// the literals they announce, into tokens. Streaming and bounded: a line longer than the
/// limit is dropped as it arrives, and a literal over its limit is skipped without being
/// kept — RFC 5804 has no continuation request, so the client sends it anyway and the
/// framing must pass over it before answering NO.
struct ManageSieveCommandReader: Sendable {
    struct Limits: Hashable, Sendable {
        /// A line of command text, CRLF included (literals excluded).
        var maxLineLength: Int
        /// A literal that is not a script (names, SASL data, NOOP tags).
        var maxStringLength: Int
        /// The script literal of PUTSCRIPT and CHECKSCRIPT.
        var maxScriptSize: Int
        var maxTokens: Int
    }

    enum Outcome: Equatable {
        case command([ManageSieveToken])
        /// The whole command has been read and is wrong; the session answers NO.
        case invalid(ManageSieveReadError)
        /// The framing cannot be trusted any more; the session answers BYE and closes.
        case fatal(String)
    }

    private struct Literal {
        var remaining: Int
        /// Nil while skipping a literal that is refused.
        var collected: [UInt8]?
    }

    let limits: Limits
    private var buffer = LineBuffer()
    private var tokenizer: ManageSieveTokenizer
    private var failure: ManageSieveReadError?
    private var literal: Literal?

    init(limits: Limits) {
        self.limits = limits
        tokenizer = ManageSieveTokenizer(maxTokens: limits.maxTokens)
    }

    var unreadCount: Int { buffer.unreadCount }

    mutating func append(_ bytes: [UInt8]) {
        buffer.append(bytes)
    }

    /// Drops everything: buffered input and any command half read (STARTTLS, close).
    mutating func reset() {
        buffer.removeAll()
        tokenizer = ManageSieveTokenizer(maxTokens: limits.maxTokens)
        failure = nil
        literal = nil
    }

    /// The next command, or nil until more octets arrive.
    mutating func next() -> Outcome? {
        while true {
            if var current = literal {
                let taken = buffer.take(upTo: current.remaining)
                current.remaining -= taken.count
                current.collected? += taken
                guard current.remaining == 0 else {
                    literal = current
                    return nil
                }
                literal = nil
                if failure == nil, let collected = current.collected {
                    do throws(ManageSieveSyntaxError) {
                        try tokenizer.addLiteral(collected)
                    } catch {
                        failure = .syntax(error.message)
                    }
                }
                continue
            }

            let text: [UInt8]?
            let tail: [UInt8]
            switch buffer.nextLine(limit: limits.maxLineLength) {
            case .needMore:
                return nil
            case .line(let line):
                text = line
                tail = line
            case .tooLong(let lastOctets):
                if failure == nil { failure = .lineTooLong }
                text = nil
                tail = lastOctets
            }

            switch ManageSieveLiteralMarker.parse(tail) {
            case .invalid:
                reset()
                return .fatal("Literal length out of range")
            case .literal(let octets, let markerLength):
                if let text { add(text.dropLast(markerLength)) }
                let isScript = failure == nil && tokenizer.nextArgumentIsScript
                let limit = isScript ? limits.maxScriptSize : limits.maxStringLength
                if octets > limit, failure == nil { failure = .literalTooLarge(isScript: isScript) }
                var collected: [UInt8]? = nil
                if failure == nil {
                    collected = []
                    collected?.reserveCapacity(min(octets, 64 * 1024))
                }
                literal = Literal(remaining: octets, collected: collected)
            case .none:
                if let text { add(text[...]) }
                let outcome: Outcome = failure.map { .invalid($0) } ?? .command(tokenizer.tokens)
                tokenizer = ManageSieveTokenizer(maxTokens: limits.maxTokens)
                failure = nil
                return outcome
            }
        }
    }

    private mutating func add(_ text: ArraySlice<UInt8>) {
        guard failure == nil else { return }
        do throws(ManageSieveSyntaxError) {
            try tokenizer.add(text)
        } catch {
            failure = .syntax(error.message)
        }
    }
}

/// Why a command could not be read.
enum ManageSieveReadError: Hashable, Sendable {
    case syntax(String)
    case lineTooLong
    /// A literal over its limit; for a script, NO (QUOTA/MAXSIZE) (RFC 5804 §1.3).
    case literalTooLarge(isScript: Bool)
}

extension ManageSieveTokenizer {
    /// True when the next token is the script of PUTSCRIPT or CHECKSCRIPT, whose literal may
    /// be as large as the script size limit rather than the string limit.
    var nextArgumentIsScript: Bool {
        guard case .atom(let verb) = tokens.first else { return false }
        switch String(decoding: verb, as: UTF8.self).uppercased() {
        case "PUTSCRIPT": return tokens.count == 2
        case "CHECKSCRIPT": return tokens.count == 1
        default: return false
        }
    }
}
