import CSystemShims

/// glibc keeps the memory of freed small allocations in its heaps; after a one-off read of
/// a whole large mailbox (100,000 records and file names) that is tens of megabytes the
/// process holds for nothing. Giving it back costs a walk of the heaps, so it is done only
/// after such reads.
public enum FreedMemory {
    /// Above this many messages read at once, the memory is given back afterwards.
    public static let largeRead = 10_000

    public static func giveBack() {
        _ = postino_malloc_trim()
    }
}
