import Directory
import Intake
import MailCore
import Durability
import Spool

/// The address a hidden copy was made for, for the mail log's `to=<…>` (a hidden copy has
/// no RCPT address of its own): the copy address of a recipient's domain or
/// `mail.copy_all_to` — the one that resolves to this copy's mailbox.
enum HiddenCopyAddress {
    static func find(for target: SpoolTarget, of envelope: SpoolEnvelope, directory: any MailDirectory) -> String? {
        var candidates: [String] = []
        for recipient in envelope.deliveries.compactMap(\.recipient) {
            guard let domain = (try? EmailAddress.parse(recipient))?.normalizedDomain,
                  let copyTo = (try? directory.domain(named: domain))?.copyTo?.description,
                  !candidates.contains(copyTo) else { continue }
            candidates.append(copyTo)
        }
        if let all = try? directory.settings.get(.copyAllTo), !all.isEmpty, !candidates.contains(all) { candidates.append(all) }
        return candidates.first { candidate in
            guard case .deliver(let resolved)? = try? directory.resolve(candidate, sender: .localNetwork) else { return false }
            return resolved.destinations.contains { SpoolTarget($0) == target }
        } ?? candidates.first
    }
}

extension HiddenCopyAddress {
    /// The copy address of each hidden local copy of the message, by delivery position
    /// (directory reads: off the cooperative pool).
    static func addresses(of envelope: SpoolEnvelope, directory: any MailDirectory) async -> [Int: String] {
        let positions = envelope.deliveries.indices.filter {
            envelope.deliveries[$0].recipient == nil && envelope.deliveries[$0].target.isLocal
        }
        guard !positions.isEmpty else { return [:] }
        // Only the log line depends on it: a directory that cannot be read leaves `to=<>`.
        let found = try? await BlockingIO.run {
            positions.compactMap { position in
                find(for: envelope.deliveries[position].target, of: envelope, directory: directory).map { (position, $0) }
            }
        }
        return Dictionary(found ?? [], uniquingKeysWith: { first, _ in first })
    }
}
