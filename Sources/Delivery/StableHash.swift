/// FNV-1a (64 bit): a hash that stays the same across runs (Swift's `hashValue` does not),
/// for remembering which script version an error was reported for.
enum StableHash {
    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
