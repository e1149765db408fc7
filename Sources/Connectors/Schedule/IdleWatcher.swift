import Logging

/// Keeps an IMAP IDLE session (RFC 2177) on an account's folder and calls `changed` when
/// the server announces new mail. Servers without IDLE, or failures, end the watch
/// quietly: the interval still applies. Waits for the shared IMAP client.
struct IdleWatcher: Sendable {
    let account: ConnectorAccount
    let logger: Logger

    func watch(_ changed: @escaping @Sendable () async -> Void) async {
        await IMAPRemoteMailbox.idle(account, logger: logger, changed: changed)
    }
}
