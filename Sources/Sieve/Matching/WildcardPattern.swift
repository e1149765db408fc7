/// A `:matches` pattern (RFC 5228 §2.7.1): `*` is any sequence, `?` one character, a
/// backslash quotes the next character. Matching records what each wildcard matched for
/// the match variables of RFC 5229 §3.2, wildcards matching as little as possible.
///
/// Runs in O(text × pattern) without backtracking: the text between stars is found at its
/// earliest position, which is both the non-greedy choice and the one that leaves the most
/// room for what follows.
struct WildcardPattern: Sendable {
    enum Element: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case one
    }

    /// The runs between stars; a pattern without star has one segment.
    let segments: [[Element]]
    let foldsCase: Bool

    init(_ pattern: String, comparator: SieveComparator) {
        foldsCase = comparator == .asciiCasemap
        var segments: [[Element]] = [[]]
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if escaped {
                segments[segments.count - 1].append(.literal(foldsCase ? SieveComparator.fold(scalar) : scalar))
                escaped = false
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "*": segments.append([])
            case "?": segments[segments.count - 1].append(.one)
            default: segments[segments.count - 1].append(.literal(foldsCase ? SieveComparator.fold(scalar) : scalar))
            }
        }
        self.segments = segments
    }

    /// The wildcard values in pattern order when `text` matches, else nil.
    func match(_ text: String) -> [String]? {
        let source = Array(text.unicodeScalars)
        let folded = foldsCase ? source.map(SieveComparator.fold) : source
        var captures: [String] = []

        func matches(_ segment: [Element], at start: Int) -> Bool {
            guard start >= 0, start + segment.count <= folded.count else { return false }
            for (offset, element) in segment.enumerated() {
                if case .literal(let c) = element, folded[start + offset] != c { return false }
            }
            return true
        }
        func captureOnes(_ segment: [Element], at start: Int) {
            for (offset, element) in segment.enumerated() where element == .one {
                captures.append(String(Character(source[start + offset])))
            }
        }
        func slice(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: source[range])
            return String(view)
        }

        guard let first = segments.first else { return nil }
        if segments.count == 1 {
            guard first.count == folded.count, matches(first, at: 0) else { return nil }
            captureOnes(first, at: 0)
            return captures
        }
        guard matches(first, at: 0) else { return nil }
        captureOnes(first, at: 0)
        var position = first.count
        let last = segments[segments.count - 1]
        let lastStart = folded.count - last.count
        guard lastStart >= position else { return nil }
        for segment in segments[1..<(segments.count - 1)] {
            var found: Int?
            var candidate = position
            while candidate + segment.count <= lastStart {
                if matches(segment, at: candidate) {
                    found = candidate
                    break
                }
                candidate += 1
            }
            guard let start = found else { return nil }
            captures.append(slice(position..<start))
            captureOnes(segment, at: start)
            position = start + segment.count
        }
        guard matches(last, at: lastStart) else { return nil }
        captures.append(slice(position..<lastStart))
        captureOnes(last, at: lastStart)
        return captures
    }
}
