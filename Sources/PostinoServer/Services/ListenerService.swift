import ProtocolKit

/// A bound `TCPListener` as a `RunningService`.
struct RunningListener: RunningService {
    let listener: TCPListener
    let host: String

    var boundAddress: ListenAddress { ListenAddress(host: host, port: listener.port) }

    /// Stops accepting and drains the open connections: each says goodbye (SMTP after a
    /// transaction in DATA finishes, at most 10 s); what is still open after 12 s is closed.
    func shutdown() async { await listener.shutdown(drainDeadline: .seconds(12)) }
}
