/// One end of a `seq-range`: a number or `*`, the largest number in use.
public enum IMAPSequenceBound: Hashable, Sendable {
    case number(UInt32)
    /// `*`: the number of messages, or the largest UID (RFC 3501 §9 `seq-number`).
    case last

    func resolved(largest: UInt32) -> UInt32 {
        switch self {
        case .number(let n): return n
        case .last: return largest
        }
    }
}

/// `seq-number` or `seq-range` as written: `5`, `*`, `2:4`, `4:2` (same as `2:4`), `7:*`.
public struct IMAPSequenceRange: Hashable, Sendable {
    public var first: IMAPSequenceBound
    public var last: IMAPSequenceBound

    public init(_ first: IMAPSequenceBound, _ last: IMAPSequenceBound) {
        self.first = first
        self.last = last
    }

    public init(_ number: UInt32) { self.init(.number(number), .number(number)) }

    public init(_ range: ClosedRange<UInt32>) { self.init(.number(range.lowerBound), .number(range.upperBound)) }
}

/// A `sequence-set` as the client wrote it (RFC 3501 §9), before `*` is known. Resolve it
/// against the mailbox with `resolveSequenceNumbers(messageCount:)` or
/// `resolveUIDs(largestUID:)`; build one for COPYUID/APPENDUID/VANISHED with
/// `init(compacting:)` or from an `IMAPNumberSet`.
public struct IMAPSequenceSet: Hashable, Sendable, CustomStringConvertible {
    public var ranges: [IMAPSequenceRange]
    /// `$`, the saved search result (RFC 5182): the session substitutes the messages.
    public var isSavedResult = false

    public init(_ ranges: [IMAPSequenceRange]) { self.ranges = ranges }

    /// `$` (RFC 5182 §2.1).
    public static var savedResult: IMAPSequenceSet {
        var set = IMAPSequenceSet([])
        set.isSavedResult = true
        return set
    }

    /// The numbers in the given order, consecutive ascending runs written as ranges
    /// ("1:3,7,5"): the order is kept so that COPYUID source and destination sets
    /// correspond element by element (RFC 4315 §3).
    public init(compacting numbers: some Sequence<UInt32>) {
        var ranges: [IMAPSequenceRange] = []
        var run: (start: UInt32, end: UInt32)?
        for n in numbers {
            if let r = run, r.end < UInt32.max, n == r.end + 1 {
                run = (r.start, n)
                continue
            }
            if let r = run { ranges.append(IMAPSequenceRange(r.start...r.end)) }
            run = (n, n)
        }
        if let r = run { ranges.append(IMAPSequenceRange(r.start...r.end)) }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// The wire form: "1:3,5,7:*". Empty for an empty set (which is not valid on the wire).
    public var description: String {
        ranges.map { range -> String in
            func text(_ b: IMAPSequenceBound) -> String {
                switch b {
                case .number(let n): return String(n)
                case .last: return "*"
                }
            }
            return range.first == range.last ? text(range.first) : text(range.first) + ":" + text(range.last)
        }.joined(separator: ",")
    }

    /// Longest set accepted by `parse`, in ranges.
    public static let maximumRanges = 100_000

    /// Parses `sequence-set`. Zero is refused (`nz-number`), as are numbers above 2^32-1.
    public static func parse(_ bytes: some Collection<UInt8>) -> IMAPSequenceSet? {
        var ranges: [IMAPSequenceRange] = []
        for item in Array(bytes).split(separator: IMAPCharacterClass.comma, omittingEmptySubsequences: false) {
            guard ranges.count < maximumRanges else { return nil }
            let ends = item.split(separator: IMAPCharacterClass.colon, omittingEmptySubsequences: false)
            guard ends.count == 1 || ends.count == 2 else { return nil }
            guard let first = bound(ends[0]) else { return nil }
            if ends.count == 1 {
                ranges.append(IMAPSequenceRange(first, first))
            } else {
                guard let last = bound(ends[1]) else { return nil }
                ranges.append(IMAPSequenceRange(first, last))
            }
        }
        return ranges.isEmpty ? nil : IMAPSequenceSet(ranges)
    }

    private static func bound(_ bytes: ArraySlice<UInt8>) -> IMAPSequenceBound? {
        if bytes.count == 1, bytes.first == IMAPCharacterClass.star { return .last }
        guard let n = IMAPNumberParsing.nzNumber32(bytes) else { return nil }
        return .number(n)
    }

    /// Every range with `*` replaced by `largest`, ordered and merged.
    public func resolved(largest: UInt32) -> IMAPNumberSet {
        IMAPNumberSet(ranges: ranges.map { r in
            let a = r.first.resolved(largest: largest), b = r.last.resolved(largest: largest)
            return min(a, b)...max(a, b)
        })
    }

    /// Message sequence numbers: `*` is the message count. Nil when a number exceeds the
    /// count (or `*` is used on an empty mailbox): RFC 3501 §9 asks for a tagged BAD.
    public func resolveSequenceNumbers(messageCount: UInt32) -> IMAPNumberSet? {
        for r in ranges {
            for b in [r.first, r.last] {
                switch b {
                case .last: if messageCount == 0 { return nil }
                case .number(let n): if n > messageCount { return nil }
                }
            }
        }
        return resolved(largest: messageCount)
    }

    /// UIDs: `*` is the largest UID in the mailbox (`3291:*` includes it even when it is
    /// smaller than 3291). Pass UIDNEXT-1 for an empty mailbox. UIDs that do not exist are
    /// not an error (RFC 3501 §6.4.8); intersect the result with the mailbox's UIDs.
    public func resolveUIDs(largestUID: UInt32) -> IMAPNumberSet {
        resolved(largest: largestUID)
    }
}

/// A set of concrete numbers (sequence numbers or UIDs) kept as sorted, disjoint,
/// non-adjacent ranges: `1:4294967295` costs one range, and membership is a binary search.
public struct IMAPNumberSet: Hashable, Sendable, CustomStringConvertible, Sequence {
    public private(set) var ranges: [ClosedRange<UInt32>]

    public init() { ranges = [] }

    /// Sorts and merges the ranges.
    public init(ranges input: some Sequence<ClosedRange<UInt32>>) {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = merged.last, UInt64(r.lowerBound) <= UInt64(last.upperBound) + 1 {
                merged[merged.count - 1] = last.lowerBound...Swift.max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        ranges = merged
    }

    public init(_ numbers: some Sequence<UInt32>) {
        self.init(ranges: numbers.map { $0...$0 })
    }

    public var isEmpty: Bool { ranges.isEmpty }
    /// How many numbers (up to 2^32).
    public var count: UInt64 { ranges.reduce(0) { $0 + UInt64($1.upperBound - $1.lowerBound) + 1 } }
    public var min: UInt32? { ranges.first?.lowerBound }
    public var max: UInt32? { ranges.last?.upperBound }

    public func contains(_ n: UInt32) -> Bool {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < n {
                low = mid + 1
            } else if ranges[mid].lowerBound > n {
                high = mid
            } else {
                return true
            }
        }
        return false
    }

    public func union(_ other: IMAPNumberSet) -> IMAPNumberSet {
        IMAPNumberSet(ranges: ranges + other.ranges)
    }

    /// The members of an ascending array that are in the set: a binary search for where
    /// each range starts, then its members (O(ranges · log n + matches)), so that one UID
    /// of a 100,000-message mailbox does not cost a walk over all of them.
    public func filter(sorted numbers: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        var start = numbers.startIndex
        for range in ranges {
            var low = start, high = numbers.endIndex
            while low < high {
                let middle = low + (high - low) / 2
                if numbers[middle] < range.lowerBound { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < numbers.endIndex, numbers[index] <= range.upperBound {
                result.append(numbers[index])
                index += 1
            }
            start = index
            if start == numbers.endIndex { break }
        }
        return result
    }

    /// The same numbers as a wire `sequence-set`.
    public var sequenceSet: IMAPSequenceSet { IMAPSequenceSet(ranges.map(IMAPSequenceRange.init)) }

    /// Compact wire form: "1:3,5".
    public var description: String { sequenceSet.description }

    public func makeIterator() -> Iterator { Iterator(ranges: ranges) }

    /// Iterates the numbers in ascending order (lazily: a huge range is not expanded).
    public struct Iterator: IteratorProtocol {
        let ranges: [ClosedRange<UInt32>]
        var index = 0
        var upcoming: UInt64?

        init(ranges: [ClosedRange<UInt32>]) {
            self.ranges = ranges
            upcoming = ranges.first.map { UInt64($0.lowerBound) }
        }

        public mutating func next() -> UInt32? {
            guard let n = upcoming else { return nil }
            if n < UInt64(ranges[index].upperBound) {
                upcoming = n + 1
            } else {
                index += 1
                upcoming = index < ranges.count ? UInt64(ranges[index].lowerBound) : nil
            }
            return UInt32(n)
        }
    }
}

/// Strict decimal number readers for the grammar's `number`, `nz-number` and
/// `mod-sequence-value`.
enum IMAPNumberParsing {
    /// `number` (0...2^32-1).
    static func number32(_ bytes: some Collection<UInt8>) -> UInt32? {
        guard let v = number64(bytes), v <= UInt64(UInt32.max) else { return nil }
        return UInt32(v)
    }

    /// `nz-number` (1...2^32-1).
    static func nzNumber32(_ bytes: some Collection<UInt8>) -> UInt32? {
        guard let v = number32(bytes), v > 0 else { return nil }
        return v
    }

    /// Up to 2^63-1 (`mod-sequence-value`, RFC 7162 §7), digits only, no overflow.
    static func number64(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 19 else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            guard IMAPCharacterClass.isDigit(b) else { return nil }
            value = value * 10 + UInt64(b - 0x30)
        }
        return value <= UInt64(Int64.max) ? value : nil
    }
}
