import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A few descriptors (open on /dev/null) held back from the process's limit, released
/// when accepting runs out of descriptors so that the rest of the process — libdispatch's
/// worker monitor, SQLite, the logs — still has some (see `AcceptBackoff`).
public final class DescriptorReserve: Sendable {
    public static let shared = DescriptorReserve(count: 16)

    public let count: Int
    private let held = Mutex<[Int32]>([])

    public init(count: Int) {
        self.count = count
    }

    /// Takes the reserve again; true when it is complete. A reserve that cannot be taken
    /// whole is given back at once: half a reserve would only hold descriptors others need.
    @discardableResult
    public func refill() -> Bool {
        held.withLock { held in
            while held.count < count {
                let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else {
                    for descriptor in held { close(descriptor) }
                    held = []
                    return false
                }
                held.append(fd)
            }
            return true
        }
    }

    /// Gives the reserve back to the process.
    public func release() {
        held.withLock { held in
            for descriptor in held { close(descriptor) }
            held = []
        }
    }

    /// Descriptors held now.
    public var heldCount: Int { held.withLock { $0.count } }
}
