import Connectors
import Durability
import Foundation
import GRDB
import MailClient

/// Connector accounts, status and fetched-message memory in the server's SQLite database.
/// Passwords are stored as given (they must be sent to the remote server), like relay
/// host passwords.
public final class SQLiteConnectorStore: ConnectorStore {
    let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("connectors-v1") { db in
            try db.execute(sql: """
                CREATE TABLE connector_accounts (
                    email TEXT PRIMARY KEY, protocol TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL,
                    tls TEXT NOT NULL, tls_verify BOOLEAN NOT NULL, login TEXT NOT NULL, password TEXT NOT NULL,
                    deliver_to TEXT NOT NULL, remote TEXT NOT NULL, antispam BOOLEAN NOT NULL,
                    antivirus BOOLEAN NOT NULL, interval_minutes INTEGER NOT NULL, folder TEXT NOT NULL,
                    enabled BOOLEAN NOT NULL);
                CREATE TABLE connector_status (
                    email TEXT PRIMARY KEY REFERENCES connector_accounts(email) ON DELETE CASCADE,
                    last_run REAL, last_success REAL, fetched_total INTEGER NOT NULL DEFAULT 0,
                    fetched_last_run INTEGER NOT NULL DEFAULT 0, last_error TEXT, failures INTEGER NOT NULL DEFAULT 0);
                -- state: pending (submitting under qid), stored (committed locally), refused.
                CREATE TABLE connector_fetched (
                    email TEXT NOT NULL REFERENCES connector_accounts(email) ON DELETE CASCADE,
                    scope TEXT NOT NULL, remote_id TEXT NOT NULL, state TEXT NOT NULL, qid TEXT, at REAL NOT NULL,
                    PRIMARY KEY (email, scope, remote_id)) WITHOUT ROWID;
                CREATE INDEX connector_fetched_pending ON connector_fetched(email, state);
                """)
        }
        try migrator.migrate(database)
    }

    public func accounts() async throws(ConnectorStoreError) -> [ConnectorAccount] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM connector_accounts ORDER BY email").compactMap(Self.account) }
    }

    public func account(_ email: String) async throws(ConnectorStoreError) -> ConnectorAccount? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM connector_accounts WHERE email = ?", arguments: [email.lowercased()])
                .flatMap(Self.account)
        }
    }

    public func save(_ account: ConnectorAccount, adding: Bool) async throws(ConnectorStoreError) {
        let exists = try await write { db -> Bool in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM connector_accounts WHERE email = ?", arguments: [account.email]) ?? false
            if adding && exists { return true }
            try db.execute(sql: """
                INSERT OR REPLACE INTO connector_accounts (email, protocol, host, port, tls, tls_verify, login, password,
                    deliver_to, remote, antispam, antivirus, interval_minutes, folder, enabled)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [account.email, account.remoteProtocol.rawValue, account.host, account.port,
                                 account.tls.rawValue, account.verifyCertificate, account.login, account.password,
                                 account.deliverTo, account.remote.description, account.antispam, account.antivirus,
                                 account.interval, account.folder, account.enabled])
            return false
        }
        if exists { throw .conflict(account.email) }
    }

    public func remove(_ email: String) async throws(ConnectorStoreError) -> Bool {
        try await write { db in
            let email = email.lowercased()
            // Explicit: foreign keys may be off on this connection.
            try db.execute(sql: "DELETE FROM connector_fetched WHERE email = ?", arguments: [email])
            try db.execute(sql: "DELETE FROM connector_status WHERE email = ?", arguments: [email])
            try db.execute(sql: "DELETE FROM connector_accounts WHERE email = ?", arguments: [email])
            return db.changesCount > 0
        }
    }

    public func status(_ email: String) async throws(ConnectorStoreError) -> ConnectorStatus {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM connector_status WHERE email = ?", arguments: [email.lowercased()]) else {
                return ConnectorStatus()
            }
            return ConnectorStatus(lastRun: (row["last_run"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                   lastSuccess: (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:)),
                                   fetchedTotal: row["fetched_total"], fetchedLastRun: row["fetched_last_run"],
                                   lastError: row["last_error"], failures: row["failures"])
        }
    }

    public func setStatus(_ email: String, _ status: ConnectorStatus) async throws(ConnectorStoreError) {
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO connector_status (email, last_run, last_success, fetched_total, fetched_last_run, last_error, failures)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [email.lowercased(), status.lastRun?.timeIntervalSince1970, status.lastSuccess?.timeIntervalSince1970,
                                 status.fetchedTotal, status.fetchedLastRun, status.lastError, status.failures])
        }
    }

    public func fetched(_ email: String, scope: String) async throws(ConnectorStoreError) -> [String: FetchedMessage] {
        try await read { db in
            var result: [String: FetchedMessage] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM connector_fetched WHERE email = ? AND scope = ?",
                                        arguments: [email.lowercased(), scope]) {
                if let message = Self.fetchedMessage(row) { result[message.remoteID] = message }
            }
            return result
        }
    }

    public func pending(_ email: String) async throws(ConnectorStoreError) -> [FetchedMessage] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM connector_fetched WHERE email = ? AND state = 'pending'",
                             arguments: [email.lowercased()]).compactMap(Self.fetchedMessage)
        }
    }

    public func remember(_ email: String, _ message: FetchedMessage) async throws(ConnectorStoreError) {
        try await write { db in
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO connector_fetched (email, scope, remote_id, state, qid, at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [email.lowercased(), message.scope, message.remoteID, message.state.rawValue,
                                         message.queueID, message.at.timeIntervalSince1970])
        }
    }

    public func forget(_ email: String, scope: String, remoteIDs: [String]) async throws(ConnectorStoreError) {
        guard !remoteIDs.isEmpty else { return }
        try await write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM connector_fetched WHERE email = ? AND scope = ? AND remote_id = ?")
            for id in remoteIDs { try statement.execute(arguments: [email.lowercased(), scope, id]) }
        }
    }

    public func wasCommitted(queueID: String) async throws(ConnectorStoreError) -> Bool {
        try await read { db in
            // The spool's and the mail index's tables (same database): the queue row lives
            // until every delivery is done; local delivery names its Maildir files
            // `<time>.Q<QID>_<n>.<host>` and the index keeps that name.
            if try db.tableExists("queue_messages"),
               try Bool.fetchOne(db, sql: "SELECT 1 FROM queue_messages WHERE qid = ?", arguments: [queueID]) == true {
                return true
            }
            guard try db.tableExists("mail_messages"), queueID.allSatisfy({ $0.isLetter || $0.isNumber }) else { return false }
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM mail_messages WHERE file LIKE ? LIMIT 1",
                                     arguments: ["%.Q\(queueID)_%"]) == true
        }
    }

    // MARK: Rows

    static func account(_ row: Row) -> ConnectorAccount? {
        guard let kind = ConnectorAccount.RemoteProtocol(rawValue: row["protocol"]),
              let tls = ClientTLSMode(rawValue: row["tls"]),
              let remote = RemotePolicy(parsing: row["remote"]) else { return nil }
        return ConnectorAccount(email: row["email"], remoteProtocol: kind, host: row["host"], port: row["port"], tls: tls,
                                verifyCertificate: row["tls_verify"], login: row["login"], password: row["password"],
                                deliverTo: row["deliver_to"], remote: remote, antispam: row["antispam"],
                                antivirus: row["antivirus"], interval: row["interval_minutes"], folder: row["folder"],
                                enabled: row["enabled"])
    }

    static func fetchedMessage(_ row: Row) -> FetchedMessage? {
        guard let state = FetchedMessage.State(rawValue: row["state"]) else { return nil }
        return FetchedMessage(scope: row["scope"], remoteID: row["remote_id"], state: state, queueID: row["qid"],
                              at: Date(timeIntervalSince1970: row["at"]))
    }

    // Synchronous GRDB on a BlockingIO thread (see SQLiteFilterState): GRDB's async API
    // deadlocked the server under load.
    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ConnectorStoreError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.read(body) } } catch { throw .database("\(error)") }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ConnectorStoreError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.write(body) } } catch { throw .database("\(error)") }
    }
}
