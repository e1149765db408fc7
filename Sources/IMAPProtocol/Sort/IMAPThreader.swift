import MailCore

/// THREAD (RFC 5256 §2.1, §3): ORDEREDSUBJECT and REFERENCES over the messages that
/// matched the search, each message's header read once.
public enum IMAPThreader {
    /// The threads, in order; numbers are what `number` gives for each message (sequence
    /// numbers or UIDs).
    public static func thread<M: IMAPSearchableMessage>(_ messages: [M], algorithm: IMAPThreadCommand.Algorithm,
                                                       number: (M) -> UInt32) -> [IMAPThreadNode] {
        let infos = messages.map { Info(message: $0, number: number($0)) }
        switch algorithm {
        case .orderedSubject: return orderedSubject(infos)
        case .references: return references(infos)
        }
    }

    struct Info {
        let number: UInt32
        let sequence: UInt32
        /// RFC 5256 §2.2 sent date (the internal date when Date is missing or invalid).
        let date: Int64
        let baseSubject: String
        /// RFC 5256 §2.1: the subject had a reply/forward marker that extraction removed.
        let isReply: Bool
        let messageID: String?
        let references: [String]

        init<M: IMAPSearchableMessage>(message: M, number: UInt32) {
            self.number = number
            sequence = message.sequenceNumber
            let header = message.content()?.header
            let sent = header?.first(named: "Date").flatMap { RFC5322Date($0.unfoldedBytes) }
            date = sent?.instant.secondsSince1970 ?? message.internalDate.secondsSince1970
            let raw = header?.first(named: "Subject")?.unfoldedBytes ?? []
            baseSubject = IMAPBaseSubject.extract(fromRawValue: raw)
            let plain = String(decoding: raw, as: UTF8.self).trimmingBlanks.lowercased()
            isReply = plain.hasPrefix("re:") || plain.hasPrefix("re[") || plain.hasPrefix("fw:") || plain.hasPrefix("fwd:")
                || plain.hasPrefix("[") && plain.contains("re:") || plain.hasSuffix("(fwd)")
            messageID = header?.first(named: "Message-ID").flatMap { Self.ids(in: $0.unfoldedValue).first }
            // RFC 5256 §4 (1)(B): References, else the first msg-id of In-Reply-To.
            var refs = header?.first(named: "References").map { Self.ids(in: $0.unfoldedValue) } ?? []
            if refs.isEmpty, let reply = header?.first(named: "In-Reply-To").flatMap({ Self.ids(in: $0.unfoldedValue).first }) {
                refs = [reply]
            }
            references = refs
        }

        /// The `<…>` message identifiers of a field value.
        static func ids(in value: String) -> [String] {
            var result: [String] = []
            var current: String?
            for ch in value {
                if ch == "<" {
                    current = ""
                } else if ch == ">" {
                    if let id = current, !id.isEmpty, id.contains("@") { result.append(id) }
                    current = nil
                } else if current != nil, !ch.isWhitespace {
                    current?.append(ch)
                }
            }
            return result
        }
    }

    // MARK: ORDEREDSUBJECT

    /// RFC 5256 §3 ORDEREDSUBJECT: sorted by base subject then sent date, grouped by base
    /// subject; the first of a group is the parent of the others; threads in the order of
    /// their first message's sent date.
    static func orderedSubject(_ infos: [Info]) -> [IMAPThreadNode] {
        let sorted = infos.sorted { a, b in
            if a.baseSubject != b.baseSubject { return a.baseSubject < b.baseSubject }
            if a.date != b.date { return a.date < b.date }
            return a.sequence < b.sequence
        }
        var groups: [[Info]] = []
        for info in sorted {
            if let last = groups.last?.first, last.baseSubject == info.baseSubject {
                groups[groups.count - 1].append(info)
            } else {
                groups.append([info])
            }
        }
        groups.sort { a, b in a[0].date != b[0].date ? a[0].date < b[0].date : a[0].sequence < b[0].sequence }
        return groups.map { group in
            IMAPThreadNode(group[0].number, group.dropFirst().map { IMAPThreadNode($0.number) })
        }
    }

    // MARK: REFERENCES

    final class Container {
        var info: Info?
        weak var parent: Container?
        var children: [Container] = []

        init(_ info: Info? = nil) { self.info = info }

        func isAncestor(of other: Container) -> Bool {
            var node: Container? = other
            while let n = node {
                if n === self { return true }
                node = n.parent
            }
            return false
        }

        func add(_ child: Container) {
            child.parent?.children.removeAll { $0 === child }
            child.parent = self
            children.append(child)
        }

        /// The sent date of the message, or of its first descendant (§4 (4)).
        var date: (Int64, UInt32) {
            if let info { return (info.date, info.sequence) }
            return children.map(\.date).min { $0 < $1 } ?? (0, 0)
        }
    }

    /// RFC 5256 §4 REFERENCES.
    static func references(_ infos: [Info]) -> [IMAPThreadNode] {
        var table: [String: Container] = [:]
        var all: [Container] = []
        var unique = 0
        func container(_ id: String) -> Container {
            if let c = table[id] { return c }
            let c = Container()
            table[id] = c
            all.append(c)
            return c
        }
        // (1) Link messages by Message-ID and References.
        for info in infos {
            var id = info.messageID ?? ""
            if id.isEmpty || table[id]?.info != nil {
                // Missing or duplicate Message-ID: a unique one (§4 (1)(A)).
                unique += 1
                id = "\u{0}unique-\(unique)"
            }
            let own = container(id)
            own.info = info
            var previous: Container?
            for ref in info.references {
                let c = container(ref)
                if let previous, c.parent == nil, !c.isAncestor(of: previous), !previous.isAncestor(of: c), c !== previous {
                    previous.add(c)
                }
                previous = c
            }
            // The message's parent is the last reference (unless that makes a loop).
            if let previous, previous !== own, !own.isAncestor(of: previous) {
                previous.add(own)
            } else if let parent = own.parent {
                parent.children.removeAll { $0 === own }
                own.parent = nil
            }
        }
        // (2) The root set.
        var roots = all.filter { $0.parent == nil }
        // (3) Prune dummies.
        roots = prune(roots, atRoot: true)
        // (4) Sort the root set by date.
        roots.sort { $0.date < $1.date }
        // (5) Group root messages by base subject.
        var subjects: [String: Container] = [:]
        func subject(of c: Container) -> String {
            (c.info ?? c.children.first?.info)?.baseSubject ?? ""
        }
        func isReply(_ c: Container) -> Bool { (c.info ?? c.children.first?.info)?.isReply ?? false }
        for root in roots {
            let s = subject(of: root)
            guard !s.isEmpty else { continue }
            if let old = subjects[s] {
                if (root.info == nil && old.info != nil) || (isReply(old) && !isReply(root)) { subjects[s] = root }
            } else {
                subjects[s] = root
            }
        }
        var merged: [Container] = []
        for root in roots {
            let s = subject(of: root)
            guard !s.isEmpty, let existing = subjects[s], existing !== root else {
                merged.append(root)
                continue
            }
            if existing.info == nil && root.info == nil {
                for child in root.children { existing.add(child) }
            } else if existing.info == nil {
                existing.add(root)
            } else if root.info == nil {
                // The table entry becomes a child of the dummy root, which takes its place.
                root.add(existing)
                subjects[s] = root
                if let i = merged.firstIndex(where: { $0 === existing }) { merged[i] = root } else { merged.append(root) }
            } else if !isReply(existing) && isReply(root) {
                existing.add(root)
            } else {
                let dummy = Container()
                if let i = merged.firstIndex(where: { $0 === existing }) { merged[i] = dummy } else { merged.append(dummy) }
                dummy.add(existing)
                dummy.add(root)
                subjects[s] = dummy
            }
        }
        // (6) Sort siblings by date, (7) present.
        func node(_ c: Container) -> IMAPThreadNode {
            let children = c.children.sorted { $0.date < $1.date }.map(node)
            return IMAPThreadNode(c.info?.number, children)
        }
        return merged.sorted { $0.date < $1.date }.map(node)
    }

    /// §4 (3): dummies without children go; a dummy's children take its place, except at
    /// the root when it has more than one.
    static func prune(_ containers: [Container], atRoot: Bool) -> [Container] {
        var result: [Container] = []
        for c in containers {
            c.children = prune(c.children, atRoot: false)
            for child in c.children { child.parent = c }
            if c.info == nil {
                if c.children.isEmpty { continue }
                if !atRoot || c.children.count == 1 {
                    for child in c.children { child.parent = nil }
                    result += c.children
                    continue
                }
            }
            result.append(c)
        }
        return result
    }
}

private extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        return String(s)
    }
}
