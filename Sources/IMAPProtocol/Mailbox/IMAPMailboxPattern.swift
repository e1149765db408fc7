import MailCore

/// A LIST/LSUB pattern (RFC 3501 §6.3.8): `*` matches any characters, `%` any characters
/// but the hierarchy delimiter. Matching simulates the pattern as an automaton (the set of
/// reachable pattern positions), so it takes O(name × pattern) time whatever the
/// wildcards, never backtracking.
public struct IMAPMailboxPattern: Hashable, Sendable, CustomStringConvertible {
    enum Token: Hashable, Sendable {
        case scalar(Unicode.Scalar)
        case star
        case percent
    }

    let tokens: [Token]
    /// The Unicode pattern (reference and pattern joined, wire form decoded).
    public let text: String

    /// Longest pattern accepted, in characters.
    public static let maximumLength = 1024

    /// Joins the reference and the pattern (RFC 3501 §6.3.8 leaves the rule to the
    /// server; plain concatenation is what clients expect with "/" as delimiter). A pattern
    /// starting with the delimiter is taken as absolute when the reference ends with one.
    /// Nil when the result is longer than `maximumLength`.
    public init?(reference: String, pattern: String) {
        var joined = reference
        if joined.hasSuffix("/") && pattern.hasPrefix("/") {
            joined += pattern.dropFirst()
        } else {
            joined += pattern
        }
        // Wildcards are printable ASCII, so a wire pattern decodes with them in place; a
        // pattern that is not valid modified UTF-7 is matched as written.
        let text = IMAPMailboxName.normalisingInbox((try? ModifiedUTF7.decode(joined)) ?? joined)
        var tokens: [Token] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*":
                // "**" is "*", and "%*" / "*%" are "*".
                if let last = tokens.last, last == .star || last == .percent {
                    tokens[tokens.count - 1] = .star
                } else {
                    tokens.append(.star)
                }
            case "%":
                if tokens.last != .star && tokens.last != .percent { tokens.append(.percent) }
            default:
                tokens.append(.scalar(scalar))
            }
            if tokens.count > IMAPMailboxPattern.maximumLength { return nil }
        }
        self.tokens = tokens
        self.text = text
    }

    public var description: String { text }

    /// True when the pattern is empty: LIST "" "" asks for the delimiter (RFC 3501 §6.3.8).
    public var isEmpty: Bool { tokens.isEmpty }

    /// Whether the Unicode mailbox name matches. INBOX matches case-insensitively.
    public func matches(_ name: String) -> Bool {
        let scalars = Array(IMAPMailboxName.normalisingInbox(name).unicodeScalars)
        return run(scalars)?[tokens.count] ?? false
    }

    /// Whether a wire-form name matches.
    public func matches(_ name: IMAPMailboxName) -> Bool {
        matches(name.decoded ?? name.encoded)
    }

    /// True when some name below `name` ("name/…") could match: LIST-EXTENDED uses it
    /// for CHILDINFO and for listing a non-matching parent under RECURSIVEMATCH.
    public func mayMatchDescendant(of name: String) -> Bool {
        let scalars = Array(IMAPMailboxName.normalisingInbox(name).unicodeScalars) + ["/"]
        // A position before the end can still be completed by a non-empty rest.
        guard let states = run(scalars) else { return false }
        return states.dropLast().contains(true)
    }

    /// Runs the automaton over `name`: the reachable positions, nil when none is.
    private func run(_ name: [Unicode.Scalar]) -> [Bool]? {
        let m = tokens.count
        var current = [Bool](repeating: false, count: m + 1)
        var next = current
        current[0] = true
        close(&current)
        let inboxPrefix = name.count >= 5 && (name.count == 5 || name[5] == "/")
            && String(String.UnicodeScalarView(name[0..<5])) == "INBOX"
        for (position, c) in name.enumerated() {
            for i in 0...m { next[i] = false }
            var any = false
            for i in 0..<m where current[i] {
                switch tokens[i] {
                case .star:
                    next[i] = true
                    any = true
                case .percent:
                    if c != "/" {
                        next[i] = true
                        any = true
                    }
                case .scalar(let p):
                    if p == c || (inboxPrefix && position < 5 && asciiUpper(p) == c) {
                        next[i + 1] = true
                        any = true
                    }
                }
            }
            guard any else { return nil }
            close(&next)
            swap(&current, &next)
        }
        return current
    }

    /// Adds the positions reachable without input: a wildcard may match nothing.
    private func close(_ states: inout [Bool]) {
        for i in 0..<tokens.count where states[i] {
            switch tokens[i] {
            case .star, .percent: states[i + 1] = true
            case .scalar: break
            }
        }
    }

    private func asciiUpper(_ s: Unicode.Scalar) -> Unicode.Scalar {
        (s.value >= 0x61 && s.value <= 0x7A) ? Unicode.Scalar(UInt8(s.value - 0x20)) : s
    }
}
