import Directory
import MailAuth

extension Administration {
    var dkimKeyStore: DKIMKeyStore { DKIMKeyStore(directory: dkimDirectory) }

    /// Creates the domain's DKIM key (RSA 2048, selector `default`; with `ed25519` also an
    /// Ed25519 key, selector `ed25519`) and returns the records to publish. An existing
    /// key is a conflict unless `force` (the published record must then be updated).
    @discardableResult
    public func generateDKIMKeys(domain: String, ed25519: Bool = false, force: Bool = false) throws(AdminError) -> [DKIMKeyRow] {
        let name = try self.domain(domain).name
        let keys: DKIMDomainKeys
        do { keys = try dkimKeyStore.generate(domain: name, includeEd25519: ed25519, force: force) } catch { throw AdminError(error) }
        return keys.keys.map { DKIMKeyRow(domain: keys.domain, key: $0) }
    }

    /// The domain's keys (RSA first) with the records to publish.
    public func dkimKeys(domain: String) throws(AdminError) -> [DKIMKeyRow] {
        let keys = try dkimDomainKeys(domain)
        return keys.keys.map { DKIMKeyRow(domain: keys.domain, key: $0) }
    }

    /// Signers with the domain's keys, for tools that sign a message file.
    public func dkimSigners(domain: String) throws(AdminError) -> [DKIMSigner] {
        try dkimDomainKeys(domain).signers
    }

    private func dkimDomainKeys(_ domain: String) throws(AdminError) -> DKIMDomainKeys {
        let name = try self.domain(domain).name
        do { return try dkimKeyStore.load(domain: name) } catch { throw AdminError(error) }
    }
}
