/// Aho–Corasick over bytes: finds which of many literals occur in a text in one pass.
/// The rule set builds one over every prefilter literal; each text is scanned once and
/// each rule then only looks up its literals.
struct LiteralMatcher: Sendable {
    let literals: [[UInt8]]
    private let delta: [Int32]          // state * 256 + byte → state
    /// Literals ending in a state (failure links merged): the ids of state s are
    /// `outputIDs[outputStart[s]..<outputStart[s + 1]]` (flat, so the scan touches no
    /// nested array).
    private let outputStart: [Int32]
    private let outputIDs: [Int32]

    init(_ literals: [[UInt8]]) {
        self.literals = literals
        var goto: [[Int32]] = [Array(repeating: -1, count: 256)]
        var out: [[Int32]] = [[]]
        for (id, literal) in literals.enumerated() {
            var state = 0
            for byte in literal {
                if goto[state][Int(byte)] < 0 {
                    goto.append(Array(repeating: -1, count: 256))
                    out.append([])
                    goto[state][Int(byte)] = Int32(goto.count - 1)
                }
                state = Int(goto[state][Int(byte)])
            }
            out[state].append(Int32(id))
        }
        var fail = Array(repeating: 0, count: goto.count)
        var delta = Array(repeating: Int32(0), count: goto.count * 256)
        var queue: [Int] = []
        for byte in 0..<256 {
            let next = goto[0][byte]
            if next >= 0 {
                delta[byte] = next
                fail[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            out[state].append(contentsOf: out[fail[state]])
            for byte in 0..<256 {
                let next = goto[state][byte]
                if next >= 0 {
                    fail[Int(next)] = Int(delta[fail[state] * 256 + byte])
                    delta[state * 256 + byte] = next
                    queue.append(Int(next))
                } else {
                    delta[state * 256 + byte] = delta[fail[state] * 256 + byte]
                }
            }
        }
        self.delta = delta
        var starts: [Int32] = [0]
        for ids in out { starts.append(starts.last! + Int32(ids.count)) }
        outputStart = starts
        outputIDs = out.flatMap { $0 }
    }

    /// Where the literals occur in `text`: `starts[id]` are the byte offsets where literal
    /// `id` begins, in order, at most `limit` of them; `more[id]` is true when there are
    /// more (so `starts[id].first` is still the first occurrence).
    func scan(_ text: [UInt8], limit: Int = 16) -> LiteralHits {
        var hits = LiteralHits(starts: Array(repeating: [], count: literals.count), more: Array(repeating: false, count: literals.count))
        guard !literals.isEmpty else { return hits }
        var state = 0
        delta.withUnsafeBufferPointer { delta in
            outputStart.withUnsafeBufferPointer { outputStart in
                for (offset, byte) in text.enumerated() {
                    state = Int(delta[state &* 256 &+ Int(byte)])
                    let first = Int(outputStart[state]), end = Int(outputStart[state &+ 1])
                    guard first < end else { continue }
                    for id in outputIDs[first..<end] {
                        let i = Int(id)
                        if hits.starts[i].count < limit { hits.starts[i].append(offset + 1 - literals[i].count) } else { hits.more[i] = true }
                    }
                }
            }
        }
        return hits
    }
}

/// The occurrences `LiteralMatcher.scan` found.
struct LiteralHits: Sendable, Equatable {
    var starts: [[Int]]
    var more: [Bool]

    /// Where a pattern whose every match begins with one of the literals `ids` can match:
    /// nil when none occurs; `.only` the sorted offsets when all were listed, else `.from`
    /// the first.
    func candidates(_ ids: [Int]) -> RuleStarts? {
        var all: [Int] = []
        for id in ids {
            if more[id] { return .from(ids.compactMap { starts[$0].first }.min()!) }
            all.append(contentsOf: starts[id])
        }
        guard !all.isEmpty else { return nil }
        return .only(Set(all).sorted())
    }
}

/// Where a regex may start, as UTF-8 offsets in its text.
enum RuleStarts: Sendable, Equatable {
    /// Anywhere at or after this offset.
    case from(Int)
    /// Only at these offsets (ascending).
    case only([Int])
}
