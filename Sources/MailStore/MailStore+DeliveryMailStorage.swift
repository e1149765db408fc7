/// `MailStore` is local delivery's store: base names are Maildir names, and staged files
/// are made durable by one round of the shared `FileSystemSyncBarrier` (one `syncfs`).
extension MailStore: DeliveryMailStorage {
    public func makeStagedDurable() async throws {
        try await barrier.sync()
    }
}
