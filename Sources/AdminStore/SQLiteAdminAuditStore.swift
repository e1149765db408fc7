import Administration
import Foundation
import GRDB

/// The REST API's audit entries in the server's SQLite database (table `admin_audit`).
public final class SQLiteAdminAuditStore: AdminAuditStore {
    let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws(AdminError) {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("admin-audit-v1") { db in
            try db.execute(sql: """
                CREATE TABLE admin_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL,
                    credential TEXT NOT NULL, address TEXT NOT NULL, method TEXT NOT NULL,
                    path TEXT NOT NULL, status INTEGER NOT NULL);
                """)
        }
        do { try migrator.migrate(database) } catch { throw .internal("admin audit: \(error)") }
    }

    public func append(_ row: AdminAuditRow) throws(AdminError) {
        do {
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO admin_audit (time, user, credential, address, method, path, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [row.time, row.user, row.credential, row.address, row.method, row.path, row.status])
            }
        } catch {
            throw .internal("admin audit: \(error)")
        }
    }

    public func recent(limit: Int) throws(AdminError) -> [AdminAuditRow] {
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM admin_audit ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                    AdminAuditRow(timeText: row["time"], user: row["user"], credential: row["credential"],
                                  address: row["address"], method: row["method"], path: row["path"], status: row["status"])
                }
            }
        } catch {
            throw .internal("admin audit: \(error)")
        }
    }
}
