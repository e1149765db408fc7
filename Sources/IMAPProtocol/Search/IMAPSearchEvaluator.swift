import MailCore

/// Evaluates a search key over messages (RFC 3501 §6.4.4 and the extensions parsed into
/// `IMAPSearchKey`). Sets are resolved once, conjunctions test cheap criteria (flags,
/// numbers, dates, size) before header and body text, and a message's content is read
/// and decoded at most once per `matches` call, only if a criterion needs it.
///
/// Text criteria match case-insensitively on decoded text: header values with RFC 2047
/// words decoded, bodies of text parts with their transfer encoding undone and converted
/// from their charset to UTF-8 (message/rfc822 parts included).
public struct IMAPSearchEvaluator: Sendable {
    indirect enum Node: Sendable {
        case constant(Bool)
        case flag(IMAPFlag, present: Bool)
        case recent(Bool)
        case sequence(IMAPNumberSet)
        case uid(IMAPNumberSet)
        case internalDate(IMAPDateComparison)
        case sentDate(IMAPDateComparison)
        case larger(UInt64)
        case smaller(UInt64)
        case modSeq(UInt64)
        case olderThan(Int64)
        case youngerThan(Int64)
        case header(field: String, needle: String)
        case addressField(String, needle: String)
        case subject(String)
        case body(String)
        case text(String)
        case not(Node)
        case or(Node, Node)
        case and([Node])

        /// Rough cost: what to test first.
        var cost: Int {
            switch self {
            case .constant, .flag, .recent, .sequence, .uid, .internalDate, .larger, .smaller, .modSeq, .olderThan, .youngerThan: return 0
            case .sentDate, .header, .addressField, .subject: return 1
            case .body, .text: return 2
            case .not(let n): return n.cost
            case .or(let a, let b): return max(a.cost, b.cost)
            case .and(let nodes): return nodes.map(\.cost).max() ?? 0
            }
        }
    }

    enum IMAPDateComparison: Sendable {
        case before(IMAPDate), on(IMAPDate), since(IMAPDate)

        func matches(_ date: IMAPDate) -> Bool {
            switch self {
            case .before(let d): return date < d
            case .on(let d): return date == d
            case .since(let d): return date >= d
            }
        }
    }

    let root: Node

    /// Whether evaluation needs `content()`.
    public let needsContent: Bool

    public init(key: IMAPSearchKey, context: IMAPSearchContext) {
        root = IMAPSearchEvaluator.compile(key, context)
        needsContent = key.needsMessageContent
    }

    public func matches(_ message: some IMAPSearchableMessage) -> Bool {
        var view = MessageTextView(source: { message.content() })
        return evaluate(root, message, &view)
    }

    /// The matching messages, in the given order.
    public func filter<S: Sequence>(_ messages: S) -> [S.Element] where S.Element: IMAPSearchableMessage {
        messages.filter { matches($0) }
    }

    // MARK: Compilation

    static func compile(_ key: IMAPSearchKey, _ context: IMAPSearchContext) -> Node {
        switch key {
        case .all: return .constant(true)
        case .answered: return .flag(.answered, present: true)
        case .deleted: return .flag(.deleted, present: true)
        case .draft: return .flag(.draft, present: true)
        case .flagged: return .flag(.flagged, present: true)
        case .seen: return .flag(.seen, present: true)
        case .unanswered: return .flag(.answered, present: false)
        case .undeleted: return .flag(.deleted, present: false)
        case .undraft: return .flag(.draft, present: false)
        case .unflagged: return .flag(.flagged, present: false)
        case .unseen: return .flag(.seen, present: false)
        case .keyword(let k): return .flag(k, present: true)
        case .unkeyword(let k): return .flag(k, present: false)
        case .recent: return .recent(true)
        case .old: return .recent(false)
        case .new: return .and([.recent(true), .flag(.seen, present: false)])
        case .bcc(let s): return .addressField("Bcc", needle: fold(s))
        case .cc(let s): return .addressField("Cc", needle: fold(s))
        case .from(let s): return .addressField("From", needle: fold(s))
        case .to(let s): return .addressField("To", needle: fold(s))
        case .subject(let s): return .subject(fold(s))
        case .body(let s): return .body(fold(s))
        case .text(let s): return .text(fold(s))
        case .header(let field, let value): return .header(field: field, needle: fold(value))
        case .before(let d): return .internalDate(.before(d))
        case .on(let d): return .internalDate(.on(d))
        case .since(let d): return .internalDate(.since(d))
        case .sentBefore(let d): return .sentDate(.before(d))
        case .sentOn(let d): return .sentDate(.on(d))
        case .sentSince(let d): return .sentDate(.since(d))
        case .larger(let n): return .larger(n)
        case .smaller(let n): return .smaller(n)
        case .uid(let set): return .uid(set.resolveUIDs(largestUID: context.largestUID))
        case .sequenceNumbers(let set):
            // Numbers beyond the mailbox simply match nothing; `*` of an empty mailbox too.
            return context.messageCount == 0 ? .constant(false) : .sequence(set.resolved(largest: context.messageCount))
        case .modSeq(let n, _): return .modSeq(n)
        case .older(let seconds): return .olderThan(context.now - Int64(seconds))
        case .younger(let seconds): return .youngerThan(context.now - Int64(seconds))
        case .not(let k): return .not(compile(k, context))
        case .or(let a, let b): return .or(compile(a, context), compile(b, context))
        case .and(let keys):
            return .and(keys.map { compile($0, context) }.enumerated().sorted {
                ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset)
            }.map(\.element))
        }
    }

    /// Case folding for text matches.
    static func fold(_ s: String) -> String { s.lowercased() }

    // MARK: Evaluation

    private func evaluate<M: IMAPSearchableMessage>(_ node: Node, _ m: M, _ view: inout MessageTextView) -> Bool {
        switch node {
        case .constant(let b): return b
        case .flag(let flag, let present): return m.flags.contains(flag) == present
        case .recent(let b): return m.isRecent == b
        case .sequence(let set): return set.contains(m.sequenceNumber)
        case .uid(let set): return set.contains(m.uid)
        case .internalDate(let c): return c.matches(m.internalDate.date)
        case .sentDate(let c):
            guard let sent = view.sentDate else { return false }
            return c.matches(sent.date)
        case .larger(let n): return m.size > n
        case .smaller(let n): return m.size < n
        case .modSeq(let n): return m.modSeq >= n
        case .olderThan(let limit): return m.internalDate.secondsSince1970 <= limit
        case .youngerThan(let limit): return m.internalDate.secondsSince1970 > limit
        case .header(let field, let needle):
            if let values = m.knownHeaderValues(named: field) {
                return values.contains { needle.isEmpty || IMAPSearchEvaluator.fold($0).contains(needle) }
            }
            guard let header = view.message?.header else { return false }
            return header.all(named: field).contains { needle.isEmpty || IMAPSearchEvaluator.fold($0.decodedValue).contains(needle) }
        case .addressField(let field, let needle):
            // RFC 3501 §6.4.4: "the envelope structure's FROM field" — the addresses as the
            // ENVELOPE has them (comments are not part of an address), or the field text.
            guard let header = view.message?.header else { return false }
            return header.all(named: field).contains {
                IMAPSearchEvaluator.fold($0.decodedValue).contains(needle)
                    || IMAPSearchEvaluator.fold(IMAPSearchEvaluator.envelopeText($0.unfoldedValue)).contains(needle)
            }
        case .subject(let needle):
            guard let header = view.message?.header else { return false }
            return header.all(named: "Subject").contains { IMAPSearchEvaluator.fold($0.decodedValue).contains(needle) }
        case .body(let needle):
            return view.bodyText.contains(needle)
        case .text(let needle):
            return view.headerText.contains(needle) || view.bodyText.contains(needle)
        case .not(let n): return !evaluate(n, m, &view)
        case .or(let a, let b): return evaluate(a, m, &view) || evaluate(b, m, &view)
        case .and(let nodes):
            for n in nodes where !evaluate(n, m, &view) { return false }
            return true
        }
    }
}

extension IMAPSearchEvaluator {
    /// The addresses of an address field as ENVELOPE structures give them, one per line:
    /// `name <mailbox@host>` (name decoded), group names alone.
    static func envelopeText(_ value: String) -> String {
        IMAPEnvelope.addresses(in: value).compactMap { address -> String? in
            guard let mailbox = address.mailbox.map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
            guard let host = address.host.map({ String(decoding: $0, as: UTF8.self) }) else { return mailbox }
            let name = address.name.map { EncodedWordDecoder.decodeUnstructured(String(decoding: $0, as: UTF8.self)) }
            return (name.map { $0 + " " } ?? "") + "<" + mailbox + "@" + host + ">"
        }.joined(separator: "\n")
    }
}

/// A message's content, read and decoded on first use.
struct MessageTextView {
    let source: () -> Message?
    private var loaded = false
    private var cachedMessage: Message?
    private var cachedHeaderText: String?
    private var cachedBodyText: String?
    private var cachedSentDate: RFC5322Date??

    init(source: @escaping () -> Message?) {
        self.source = source
    }

    var message: Message? {
        mutating get {
            if !loaded {
                cachedMessage = source()
                loaded = true
            }
            return cachedMessage
        }
    }

    /// Every header field as "name: decoded value", folded for matching.
    var headerText: String {
        mutating get {
            if let cachedHeaderText { return cachedHeaderText }
            let text = message.map { m in
                m.header.map { $0.name + ": " + $0.decodedValue }.joined(separator: "\n")
            } ?? ""
            let folded = IMAPSearchEvaluator.fold(text)
            cachedHeaderText = folded
            return folded
        }
    }

    /// The decoded text of every text part, folded.
    var bodyText: String {
        mutating get {
            if let cachedBodyText { return cachedBodyText }
            var text = ""
            if let m = message {
                for part in m.allParts {
                    guard case .single = part.content, part.contentType.type == "text" else { continue }
                    if !text.isEmpty { text += "\n" }
                    text += part.decodedText()
                }
            }
            let folded = IMAPSearchEvaluator.fold(text)
            cachedBodyText = folded
            return folded
        }
    }

    var sentDate: RFC5322Date? {
        mutating get {
            if let cachedSentDate { return cachedSentDate }
            let date = message?.header.first(named: "Date").flatMap { RFC5322Date($0.unfoldedBytes) }
            cachedSentDate = .some(date)
            return date
        }
    }
}
