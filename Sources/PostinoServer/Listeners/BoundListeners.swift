import Synchronization

/// The address each service of this `serve` run is bound to, filled as the listeners start
/// (what autoconfig tells mail clients to connect to).
public final class BoundListeners: Sendable {
    private let addresses = Mutex<[ServiceName: ListenAddress]>([:])

    public init() {}

    func record(_ service: ServiceName, _ address: ListenAddress) {
        addresses.withLock { $0[service] = address }
    }

    public var snapshot: [ServiceName: ListenAddress] { addresses.withLock { $0 } }
}
