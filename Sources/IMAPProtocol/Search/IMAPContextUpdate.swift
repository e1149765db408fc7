/// An ADDTO or REMOVEFROM return data item (RFC 5267 §4.3.3, §4.3.4): pairs of a context
/// position and the numbers, in the requested order, to insert or remove there.
public struct IMAPContextUpdate: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case addTo = "ADDTO"
        case removeFrom = "REMOVEFROM"
    }

    public struct Pair: Hashable, Sendable {
        /// 1-based; 0 (SEARCH only) lets the client place the numbers in mailbox order.
        public var position: UInt32
        public var numbers: [UInt32]

        public init(position: UInt32, numbers: [UInt32]) {
            self.position = position
            self.numbers = numbers
        }
    }

    public var kind: Kind
    public var pairs: [Pair]

    public init(_ kind: Kind, _ pairs: [Pair]) {
        self.kind = kind
        self.pairs = pairs
    }

    /// `"ADDTO" SP "(" context-position SP sequence-set *(SP context-position SP
    /// sequence-set) ")"`; the numbers keep their order (consecutive ascending runs
    /// become ranges, the preferred shortest form of §4.3.3).
    public var description: String {
        kind.rawValue + " (" + pairs.map { "\($0.position) \(IMAPSequenceSet(compacting: $0.numbers))" }.joined(separator: " ") + ")"
    }
}

/// How a kept SEARCH/SORT result becomes the new one (RFC 5267 §4.3): what to remove,
/// then what to add, on message keys (UIDs) — the session turns them into the numbers
/// the client asked for. Pure.
public enum IMAPContextDiff {
    /// One step on the result list: positions are 1-based and valid when the steps are
    /// applied in order (removals first, then additions, as §4.3.2 requires the client
    /// to process them).
    public struct Step: Hashable, Sendable {
        public var position: UInt32
        public var keys: [UInt32]

        public init(position: UInt32, keys: [UInt32]) {
            self.position = position
            self.keys = keys
        }
    }

    /// A SEARCH context: position 0 and mailbox order (§4.3.3 "servers are RECOMMENDED to
    /// order the result update into mailbox order"). `old` and `new` are ascending.
    public static func unordered(old: [UInt32], new: [UInt32]) -> (removed: [UInt32], added: [UInt32]) {
        let oldSet = Set(old), newSet = Set(new)
        return (old.filter { !newSet.contains($0) }, new.filter { !oldSet.contains($0) })
    }

    /// A SORT context: context positions must be non-zero (§4.3.3 allows 0 for SEARCH
    /// only). Consecutive removals at one position, and consecutive insertions, share a
    /// pair. Messages that stay but whose relative order changed are removed and added
    /// again.
    public static func ordered(old: [UInt32], new: [UInt32]) -> (removals: [Step], additions: [Step]) {
        let newSet = Set(new)
        var stay = Set(old.filter(newSet.contains))
        let keptOld = old.filter(stay.contains), keptNew = new.filter(stay.contains)
        if keptOld != keptNew { stay = [] }
        var removals: [Step] = []
        var removed = 0
        var lastRemovedIndex = -2
        for (index, key) in old.enumerated() where !stay.contains(key) {
            if index == lastRemovedIndex + 1, !removals.isEmpty {
                removals[removals.count - 1].keys.append(key)
            } else {
                removals.append(Step(position: UInt32(index - removed + 1), keys: [key]))
            }
            removed += 1
            lastRemovedIndex = index
        }
        var additions: [Step] = []
        var lastAddedIndex = -2
        for (index, key) in new.enumerated() where !stay.contains(key) {
            if index == lastAddedIndex + 1, !additions.isEmpty {
                additions[additions.count - 1].keys.append(key)
            } else {
                additions.append(Step(position: UInt32(index + 1), keys: [key]))
            }
            lastAddedIndex = index
        }
        return (removals, additions)
    }
}
