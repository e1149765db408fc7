import ProtocolKit

/// A bound `TCPListener` as a `RunningService`.
struct RunningListener: RunningService {
    let listener: TCPListener
    let host: String

    var boundAddress: ListenAddress { ListenAddress(host: host, port: listener.port) }

    func shutdown() async { await listener.close() }
}
