import GRDB

/// The mail index (identifiers prefixed `mailstore.`): Maildir files are the messages,
/// these rows are what IMAP needs fast — UIDs, flags, MODSEQs, sizes, caches, ACLs, quota.
enum MailStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("mailstore.v1") { db in
            try db.execute(sql: """
                -- owner: a user name, or '#public' for the public namespace.
                -- name: the IMAP name, '/'-separated, UTF-8; a user's inbox is 'INBOX'.
                -- directory: the Maildir folder, relative to mail/.
                CREATE TABLE mail_mailboxes (
                    id INTEGER PRIMARY KEY,
                    owner TEXT NOT NULL,
                    name TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    uid_next INTEGER NOT NULL DEFAULT 1,
                    highest_modseq INTEGER NOT NULL DEFAULT 1,
                    first_recent_uid INTEGER NOT NULL DEFAULT 1,
                    special_use TEXT,
                    scanned_new_mtime INTEGER NOT NULL DEFAULT 0,
                    scanned_cur_mtime INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (owner, name)
                );

                -- file: the Maildir base name (before ':2,'); in_new: still in new/.
                -- flags: bit set of MessageFlags; keywords: space separated.
                CREATE TABLE mail_messages (
                    mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
                    uid INTEGER NOT NULL,
                    file TEXT NOT NULL,
                    in_new BOOLEAN NOT NULL,
                    flags INTEGER NOT NULL DEFAULT 0,
                    keywords TEXT NOT NULL DEFAULT '',
                    internal_date INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    modseq INTEGER NOT NULL,
                    envelope TEXT,
                    bodystructure TEXT,
                    PRIMARY KEY (mailbox_id, uid),
                    UNIQUE (mailbox_id, file)
                ) WITHOUT ROWID;
                CREATE INDEX mail_messages_modseq ON mail_messages(mailbox_id, modseq);
                CREATE INDEX mail_messages_file ON mail_messages(file);

                -- QRESYNC (RFC 7162 §3.2.5): which UIDs vanished at which MODSEQ.
                CREATE TABLE mail_expunged (
                    mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
                    uid INTEGER NOT NULL,
                    modseq INTEGER NOT NULL,
                    PRIMARY KEY (mailbox_id, uid)
                ) WITHOUT ROWID;

                CREATE TABLE mail_subscriptions (
                    user_name TEXT NOT NULL,
                    mailbox TEXT NOT NULL,
                    PRIMARY KEY (user_name, mailbox)
                ) WITHOUT ROWID;

                -- RFC 4314 rights per identifier (a user name, 'anyone', or '$group').
                CREATE TABLE mail_acl (
                    mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
                    identifier TEXT NOT NULL,
                    rights TEXT NOT NULL,
                    PRIMARY KEY (mailbox_id, identifier)
                ) WITHOUT ROWID;

                -- Per-user flags in shared and public mailboxes (\\Seen unless shared seen).
                CREATE TABLE mail_private_flags (
                    mailbox_id INTEGER NOT NULL REFERENCES mail_mailboxes(id) ON DELETE CASCADE,
                    uid INTEGER NOT NULL,
                    user_name TEXT NOT NULL,
                    flags INTEGER NOT NULL,
                    PRIMARY KEY (mailbox_id, uid, user_name)
                ) WITHOUT ROWID;

                -- Exact storage use per owner, kept in the same transactions as messages.
                CREATE TABLE mail_usage (
                    owner TEXT PRIMARY KEY NOT NULL,
                    bytes INTEGER NOT NULL DEFAULT 0,
                    messages INTEGER NOT NULL DEFAULT 0
                );
                """)
        }
        migrator.registerMigration("mailstore.imap-uidvalidity") { db in
            // RFC 3501 §2.3.1.1: the last UIDVALIDITY given to each mailbox name, kept after
            // the mailbox is deleted or renamed, so a new mailbox under that name gets a
            // larger one even within the same second.
            try db.execute(sql: """
                CREATE TABLE mail_uidvalidity_used (
                    owner TEXT NOT NULL,
                    name TEXT NOT NULL,
                    uid_validity INTEGER NOT NULL,
                    PRIMARY KEY (owner, name)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("mailstore.added-at") { db in
            // When each message entered its mailbox (seconds since 1970): Junk retention
            // counts from there, not from the message's date (issue 14). Rows from before
            // this column get their internal date, the closest thing known.
            try db.execute(sql: """
                ALTER TABLE mail_messages ADD COLUMN added_at INTEGER NOT NULL DEFAULT 0;
                UPDATE mail_messages SET added_at = internal_date;
                """)
        }
        migrator.registerMigration("mailstore.message-id") { db in
            // The Message-ID values of each message, "\n"-separated ("" = none; NULL = not
            // read yet): SEARCH HEADER Message-ID without reading every file (issue 11).
            try db.execute(sql: "ALTER TABLE mail_messages ADD COLUMN message_id TEXT")
        }
        migrator.registerMigration("mailstore.expunged-modseq") { db in
            // What a session was not told yet is found by MODSEQ after every command, in
            // the expunge log as in the messages.
            try db.execute(sql: "CREATE INDEX mail_expunged_modseq ON mail_expunged(mailbox_id, modseq)")
        }
        return migrator
    }
}
