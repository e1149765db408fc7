import Foundation
import GRDB
import MessageEvents

/// The message events in the server's SQLite database (`message_events`), indexed by QID,
/// Message-ID, address and time. Synchronous GRDB: callers run it on a BlockingIO or
/// dedicated thread (GRDB's async API deadlocked the server under load).
public final class SQLiteMessageEventStore: MessageEventStore {
    let database: any DatabaseWriter

    public init(database: any DatabaseWriter) throws {
        self.database = database
        var migrator = DatabaseMigrator()
        migrator.registerMigration("message-events-v1") { db in
            try db.execute(sql: """
                CREATE TABLE message_events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, date REAL NOT NULL, time TEXT NOT NULL,
                    component TEXT NOT NULL, qid TEXT, kind TEXT NOT NULL, text TEXT NOT NULL,
                    client TEXT, tls TEXT, auth_user TEXT, sender TEXT, recipient TEXT, relay TEXT,
                    status TEXT, reply TEXT, message_id TEXT, action TEXT, size INTEGER, delay REAL,
                    child TEXT);
                CREATE INDEX message_events_qid ON message_events (qid);
                CREATE INDEX message_events_date ON message_events (date);
                CREATE INDEX message_events_message_id ON message_events (message_id) WHERE message_id IS NOT NULL;
                CREATE INDEX message_events_sender ON message_events (sender COLLATE NOCASE) WHERE sender IS NOT NULL;
                CREATE INDEX message_events_recipient ON message_events (recipient COLLATE NOCASE) WHERE recipient IS NOT NULL;
                """)
        }
        try migrator.migrate(database)
    }

    public func record(_ events: [MessageEvent]) throws {
        guard !events.isEmpty else { return }
        try database.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO message_events (date, time, component, qid, kind, text, client, tls, auth_user, sender,
                    recipient, relay, status, reply, message_id, action, size, delay, child)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for event in events {
                let f = event.fields
                try statement.execute(arguments: [
                    event.date.timeIntervalSince1970, event.time, event.component, event.queueID, event.kind.rawValue,
                    event.text, f.client, f.tls, f.authUser, f.sender, f.recipient, f.relay, f.status, f.reply,
                    f.messageID, f.action, f.size, f.delay, f.child,
                ])
            }
        }
    }

    public func queueIDs(matching query: String) throws -> [String] {
        let bare = MessageEventFields.bare(query)
        return try database.read { db in
            if bare.count == 12, bare.allSatisfy({ $0.isUppercase || $0.isNumber }),
               try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message_events WHERE qid = ?)", arguments: [bare]) == true {
                return [bare]
            }
            return try String.fetchAll(db, sql: """
                SELECT qid FROM message_events
                WHERE qid IS NOT NULL AND (message_id = ? OR sender = ? COLLATE NOCASE OR recipient = ? COLLATE NOCASE)
                GROUP BY qid ORDER BY MIN(id)
                """, arguments: [bare, bare, bare])
        }
    }

    public func events(queueIDs: [String], since: Date?) throws -> [MessageEvent] {
        guard !queueIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: queueIDs.count).joined(separator: ", ")
        var arguments = StatementArguments(queueIDs)
        var sql = "SELECT date, time, component, qid, text FROM message_events WHERE qid IN (\(marks))"
        if let since {
            sql += " AND date >= ?"
            arguments += [since.timeIntervalSince1970]
        }
        sql += " ORDER BY id"
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                MessageEvent(date: Date(timeIntervalSince1970: row[0]), time: row[1], component: row[2], queueID: row[3], text: row[4])
            }
        }
    }

    public func hourlyFigures(since: Date) throws -> [HourlyFigures] {
        try database.read { db in
            // A message is received once (its `from=<…>, size=` line), sent once per
            // delivered recipient; a refusal counts once per line.
            try Row.fetchAll(db, sql: """
                SELECT CAST(date / 3600 AS INTEGER) AS hour,
                       SUM(kind = 'received' AND size IS NOT NULL), SUM(kind = 'delivery' AND status = 'sent'),
                       SUM(kind = 'refusal')
                FROM message_events WHERE date >= ? AND kind IN ('received', 'delivery', 'refusal')
                GROUP BY hour ORDER BY hour
                """, arguments: [since.timeIntervalSince1970]).map { row in
                let hour: Int64 = row[0]
                return HourlyFigures(hour: Date(timeIntervalSince1970: Double(hour) * 3600), received: row[1], sent: row[2], refused: row[3])
            }
        }
    }

    @discardableResult
    public func prune(before date: Date) throws -> Int {
        try database.write { db in
            try db.execute(sql: "DELETE FROM message_events WHERE date < ?", arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
