import NIOCore
import SMTPProtocol

/// What the outbound agent asks of a connection's channel handler, written into the
/// channel like any outbound data.
enum SMTPClientRequest: Sendable {
    case send(SMTPClientMessage, EventLoopPromise<SMTPSendOutcome>)
    case quit(EventLoopPromise<Void>)
}
