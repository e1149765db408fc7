import MailClient

/// `connector check` and the check of a new or changed account: connect, TLS, log in (and
/// for IMAP open the folder), then say goodbye. The error names what failed (DNS,
/// refused, TLS, certificate, credentials).
public enum ConnectorProbe {
    public static func check(_ account: ConnectorAccount,
                             open: ConnectorFetcher.Opener = ConnectorFetcher.openRemote) async throws(MailClientError) {
        let remote = try await open(account)
        do {
            _ = try await remote.list()
            try await remote.close()
        } catch {
            await remote.abandon()
            throw error
        }
    }
}
