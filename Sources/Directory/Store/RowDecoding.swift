import Foundation
import GRDB
import MailCore

/// Row → model conversions shared by the store and the resolver.
enum RowDecoding {
    static func domain(_ row: Row) -> Domain {
        var relay: RelayTarget?
        if let host: String = row["relay_host"] {
            let tls = (row["relay_tls"] as String?).flatMap(RelayTarget.TLSMode.init(rawValue:)) ?? .opportunistic
            relay = RelayTarget(host: host, port: row["relay_port"] ?? 25, tls: tls)
        }
        return Domain(
            name: row["name"],
            relay: relay,
            catchAll: storedAddress(row["catch_all"]),
            copyTo: storedAddress(row["copy_to"]),
            dkimEnabled: row["dkim_enabled"],
            disclaimer: row["disclaimer"],
            enabled: row["enabled"],
            createdAt: row["created_at"])
    }

    /// Addresses are validated before they are stored: split at the last `@`.
    static func storedAddress(_ text: String?) -> EmailAddress? {
        guard let text, let at = text.lastIndex(of: "@") else { return nil }
        return EmailAddress(localPart: String(text[..<at]), domain: String(text[text.index(after: at)...]))
    }

    static func user(_ row: Row, forwards: [EmailAddress]) -> User {
        User(
            name: row["name"],
            isAdministrator: row["is_administrator"],
            imapEnabled: row["imap_enabled"],
            pop3Enabled: row["pop3_enabled"],
            smtpAuthEnabled: row["smtp_auth_enabled"],
            forwards: forwards,
            keepCopy: row["keep_copy"],
            quota: row["quota_bytes"],
            quotaUsedBytes: row["quota_used_bytes"],
            spamRetentionDays: row["spam_retention_days"],
            hasPassword: (row["password_hash"] as String?) != nil,
            createdAt: row["created_at"])
    }

    static func forwards(of user: String, _ db: Database) throws -> [EmailAddress] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT address FROM user_forwards WHERE user_name = ? ORDER BY position"), arguments: [user])
            .compactMap(storedAddress)
    }

    static func destinations(ofAddress id: Int64, _ db: Database) throws -> [AddressDestination] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT user_name, group_name, public_mailbox, external FROM address_destinations
            WHERE address_id = ? ORDER BY position
            """), arguments: [id]).compactMap { row -> AddressDestination? in
            if let name: String = row["user_name"] { return .user(name) }
            if let name: String = row["group_name"] { return .group(name) }
            if let name: String = row["public_mailbox"] { return .publicMailbox(name) }
            if let text: String = row["external"], let address = storedAddress(text) { return .external(address) }
            return nil
        }
    }

    static func address(_ row: Row, _ db: Database) throws -> Address {
        Address(localPart: row["local_part"], domain: row["domain"], internalOnly: row["internal_only"],
                destinations: try destinations(ofAddress: row["id"], db))
    }
}
