/// Where the tokenizer puts tokens: their FNV-1a hashes (scans and learning need only
/// these, so no token string or string set is built for them), and their text too when
/// it is to be shown (`spam tokens`). Both give the same tokens by construction: a hash
/// is always the hash of the text that would be kept.
struct TokenSink {
    private var hashes: [UInt64] = []
    private(set) var strings: Set<String>?

    init(keepStrings: Bool) {
        hashes.reserveCapacity(1024)
        if keepStrings { strings = [] }
    }

    mutating func insert(_ token: String) {
        hashes.append(BayesTokenizer.hash(token))
        strings?.insert(token)
    }

    /// `prefix` followed by the ASCII `bytes` lower-cased, hashed without building it.
    mutating func insert(prefix: String, lowercasing bytes: UnsafeBufferPointer<UInt8>) {
        let lowered = bytes.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        hashes.append(BayesTokenizer.hash(lowered, continuing: BayesTokenizer.hash(prefix)))
        if strings != nil { strings!.insert(prefix + String(decoding: Array(lowered), as: UTF8.self)) }
    }

    /// The distinct hashes, sorted.
    func sortedHashes() -> [UInt64] {
        var sorted = hashes
        sorted.sort()
        var distinct: [UInt64] = []
        distinct.reserveCapacity(sorted.count)
        for h in sorted where h != distinct.last { distinct.append(h) }
        return distinct
    }
}
