import GRDB

/// The directory's schema. Every change is a new registered migration appended at the
/// end; a released migration is never edited. Identifiers are prefixed with
/// `directory.` because other modules (mail store, queue) keep their own migrators on
/// the same database, and GRDB tolerates migrations it does not know about.
enum DirectoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("directory.v1") { db in
            try createV1(db)
        }
        return migrator
    }

    private static func createV1(_ db: Database) throws {
        // Domains: relay_* NULL = local delivery.
        try db.execute(sql: """
            CREATE TABLE domains (
                name TEXT PRIMARY KEY NOT NULL,
                enabled BOOLEAN NOT NULL DEFAULT 1,
                relay_host TEXT,
                relay_port INTEGER,
                relay_tls TEXT,
                catch_all TEXT,
                copy_to TEXT,
                dkim_enabled BOOLEAN NOT NULL DEFAULT 0,
                disclaimer TEXT,
                created_at DATETIME NOT NULL
            );

            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                password_hash TEXT,
                is_administrator BOOLEAN NOT NULL DEFAULT 0,
                imap_enabled BOOLEAN NOT NULL DEFAULT 1,
                pop3_enabled BOOLEAN NOT NULL DEFAULT 1,
                smtp_auth_enabled BOOLEAN NOT NULL DEFAULT 1,
                keep_copy BOOLEAN NOT NULL DEFAULT 0,
                quota_bytes INTEGER CHECK (quota_bytes IS NULL OR quota_bytes >= 0),
                quota_used_bytes INTEGER NOT NULL DEFAULT 0,
                spam_retention_days INTEGER,
                created_at DATETIME NOT NULL
            );

            CREATE TABLE user_forwards (
                user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                address TEXT NOT NULL,
                PRIMARY KEY (user_name, position)
            );

            CREATE TABLE "groups" (
                name TEXT PRIMARY KEY NOT NULL,
                address_enabled BOOLEAN NOT NULL DEFAULT 1,
                created_at DATETIME NOT NULL
            );

            CREATE TABLE group_members (
                group_name TEXT NOT NULL REFERENCES "groups"(name) ON DELETE CASCADE,
                user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                PRIMARY KEY (group_name, user_name)
            );
            CREATE INDEX group_members_user ON group_members(user_name);

            CREATE TABLE public_mailboxes (
                name TEXT PRIMARY KEY NOT NULL,
                created_at DATETIME NOT NULL
            );

            -- Owner groups. A group that owns a mailbox cannot be removed (RESTRICT).
            CREATE TABLE public_mailbox_groups (
                mailbox_name TEXT NOT NULL REFERENCES public_mailboxes(name) ON DELETE CASCADE,
                group_name TEXT NOT NULL REFERENCES "groups"(name) ON DELETE RESTRICT,
                PRIMARY KEY (mailbox_name, group_name)
            );
            CREATE INDEX public_mailbox_groups_group ON public_mailbox_groups(group_name);

            -- domain NULL = the address exists at every local domain. Removing a domain
            -- removes the addresses bound to it.
            CREATE TABLE addresses (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                local_part TEXT NOT NULL,
                domain TEXT REFERENCES domains(name) ON DELETE CASCADE,
                internal_only BOOLEAN NOT NULL DEFAULT 0,
                created_at DATETIME NOT NULL
            );
            -- UNIQUE(local_part, domain) would let several NULL domains in.
            CREATE UNIQUE INDEX addresses_unique ON addresses(local_part, ifnull(domain, ''));

            -- One column per destination kind so that foreign keys keep aliases from
            -- pointing at removed users, groups or public mailboxes; exactly one is set.
            CREATE TABLE address_destinations (
                address_id INTEGER NOT NULL REFERENCES addresses(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                user_name TEXT REFERENCES users(name) ON DELETE RESTRICT,
                group_name TEXT REFERENCES "groups"(name) ON DELETE RESTRICT,
                public_mailbox TEXT REFERENCES public_mailboxes(name) ON DELETE RESTRICT,
                external TEXT,
                PRIMARY KEY (address_id, position),
                CHECK ((user_name IS NOT NULL) + (group_name IS NOT NULL)
                       + (public_mailbox IS NOT NULL) + (external IS NOT NULL) = 1)
            );
            CREATE INDEX address_destinations_user ON address_destinations(user_name);
            CREATE INDEX address_destinations_group ON address_destinations(group_name);
            CREATE INDEX address_destinations_public ON address_destinations(public_mailbox);

            -- Only settings the administrator set have a row; the others take their default from SettingKey.
            CREATE TABLE settings (
                key TEXT PRIMARY KEY NOT NULL,
                value TEXT NOT NULL
            );
            """)
    }
}
