import GRDB
import Spool

/// The queue's tables in the shared database (identifiers prefixed `queue.`). The spool
/// files are the truth about which messages were accepted; these rows say what has been
/// done for each delivery and are rebuilt from the envelope files when missing.
enum QueueMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("queue.v1") { db in
            try db.execute(sql: """
                CREATE TABLE queue_messages (
                    qid TEXT PRIMARY KEY NOT NULL,
                    sender TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    received_at REAL NOT NULL,
                    origin TEXT NOT NULL,
                    envelope TEXT NOT NULL
                );

                -- One row per delivery unit (SpoolEnvelope.deliveries[position]).
                -- status: pending (due at next_attempt_at), deferred (temporary failure,
                -- retried at next_attempt_at), sent, bounced.
                CREATE TABLE queue_deliveries (
                    qid TEXT NOT NULL REFERENCES queue_messages(qid) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    recipient TEXT,
                    kind TEXT NOT NULL,
                    target TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL NOT NULL,
                    last_reply TEXT,
                    PRIMARY KEY (qid, position)
                );
                CREATE INDEX queue_deliveries_due ON queue_deliveries(status, kind, next_attempt_at);
                """)
        }
        migrator.registerMigration("queue.v2") { db in
            try db.execute(sql: """
                -- notice: a delivery status notification (RFC 3464) still to send for this
                -- delivery: failed, delayed, delivered or relayed. A message leaves the
                -- queue only when no delivery is open and no notice is pending.
                ALTER TABLE queue_deliveries ADD COLUMN notice TEXT;
                -- The delay warning (queue.delay_warning) was sent.
                ALTER TABLE queue_deliveries ADD COLUMN delay_notified BOOLEAN NOT NULL DEFAULT 0;
                -- The server that gave last_reply (for the DSN's Remote-MTA), NULL when the
                -- reply was made here.
                ALTER TABLE queue_deliveries ADD COLUMN remote_mta TEXT;
                ALTER TABLE queue_deliveries ADD COLUMN last_attempt_at REAL;
                CREATE INDEX queue_deliveries_notice ON queue_deliveries(notice) WHERE notice IS NOT NULL;

                -- Queue length and size over time, for the admin UI's chart.
                CREATE TABLE queue_samples (
                    at REAL PRIMARY KEY NOT NULL,
                    messages INTEGER NOT NULL,
                    bytes INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
