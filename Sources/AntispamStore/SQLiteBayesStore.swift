import Antispam
import Foundation
import Durability
import GRDB
import GRDBSQLite

/// The global Bayes model in the shared database (`postino.sqlite`, tables
/// `antispam_bayes_*`, migrations `antispam.*`):
///
///     let directory = try DirectoryStore(path: dataDirectory.databaseFile.path)
///     let store = try SQLiteBayesStore(database: directory.database)
///
/// Every scan reads the counts row (with its version), so a learn by the CLI or by IMAP
/// training is seen by the next scan of a running server. Reads of a model that has not
/// changed since the last scan are served from a memory snapshot of the token table.
public final class SQLiteBayesStore: BayesStore, Sendable {
    public let database: any DatabaseWriter
    private let snapshot = SnapshotCache()

    public init(database: any DatabaseWriter) throws(BayesStoreError) {
        self.database = database
        do {
            try Self.migrator.migrate(database)
        } catch {
            throw .storage("migration failed: \(error)")
        }
    }

    /// Opens (creating if needed) a database file on its own, for tools and tests.
    public convenience init(path: String) throws(BayesStoreError) {
        var config = Configuration()
        config.busyMode = .timeout(10)
        let pool: DatabasePool
        do { pool = try DatabasePool(path: path, configuration: config) } catch { throw .storage("cannot open \(path): \(error)") }
        try self.init(database: pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("antispam.v1") { db in
            try db.execute(sql: """
                -- token: 64-bit FNV-1a hash of the token text (as a signed integer).
                CREATE TABLE antispam_bayes_tokens (
                    token INTEGER PRIMARY KEY,
                    spam INTEGER NOT NULL,
                    ham INTEGER NOT NULL
                );
                -- digest: SHA-256 of the message without the fields Postino adds.
                CREATE TABLE antispam_bayes_messages (
                    digest TEXT PRIMARY KEY NOT NULL,
                    class TEXT NOT NULL,
                    learnt_at REAL NOT NULL
                ) WITHOUT ROWID;
                -- One row: messages learnt per class, distinct tokens, change counter.
                CREATE TABLE antispam_bayes_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    spam INTEGER NOT NULL,
                    ham INTEGER NOT NULL,
                    tokens INTEGER NOT NULL,
                    version INTEGER NOT NULL
                );
                INSERT INTO antispam_bayes_totals (id, spam, ham, tokens, version) VALUES (1, 0, 0, 0, 0);
                """)
        }
        migrator.registerMigration("antispam.v2-weights") { db in
            try db.execute(sql: """
                -- tokens: the message's token hashes, 8 bytes each, little-endian (for training).
                ALTER TABLE antispam_bayes_messages ADD COLUMN tokens BLOB;
                -- weight: trained by BayesWeightTrainer; bias NULL until trained.
                ALTER TABLE antispam_bayes_tokens ADD COLUMN weight REAL NOT NULL DEFAULT 0;
                ALTER TABLE antispam_bayes_totals ADD COLUMN bias REAL;
                """)
        }
        return migrator
    }

    public func totals() async throws(BayesStoreError) -> BayesTotals {
        try await read { db in try Self.totals(db) }
    }

    static func totals(_ db: Database) throws -> BayesTotals {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT spam, ham, tokens, version, bias FROM antispam_bayes_totals WHERE id = 1")) else {
            return BayesTotals()
        }
        return BayesTotals(spam: row[0], ham: row[1], tokens: row[2], version: row[3], bias: row[4])
    }

    /// From the memory snapshot without touching the database when it holds the version
    /// `totals` was read at (a scan then costs one database read, not two).
    public func counts(for tokens: [UInt64], at totals: BayesTotals) async throws(BayesStoreError) -> [UInt64: BayesTokenCounts] {
        guard let table = snapshot.cachedTable(version: totals.version) else { return try await counts(for: tokens) }
        return table.counts(of: tokens)
    }

    public func counts(for tokens: [UInt64]) async throws(BayesStoreError) -> [UInt64: BayesTokenCounts] {
        let snapshot = self.snapshot
        return try await read { db in
            let totals = try Self.totals(db)
            if let table = try snapshot.table(version: totals.version, tokens: totals.tokens, db: db) {
                return table.counts(of: tokens)
            }
            var result: [UInt64: BayesTokenCounts] = [:]
            let statement = try db.cachedStatement(sql: "SELECT spam, ham, weight FROM antispam_bayes_tokens WHERE token = ?")
            for token in tokens {
                if let row = try Row.fetchOne(statement, arguments: [Int64(bitPattern: token)]) {
                    result[token] = BayesTokenCounts(spam: row[0], ham: row[1], weight: row[2])
                }
            }
            return result
        }
    }

    public func learn(_ items: [BayesLearnItem]) async throws(BayesStoreError) -> [BayesLearnOutcome] {
        try await write { db in
            var outcomes: [BayesLearnOutcome] = []
            var newTokens = 0
            var spamDelta = 0, hamDelta = 0
            let find = try db.cachedStatement(sql: "SELECT class FROM antispam_bayes_messages WHERE digest = ?")
            let record = try db.cachedStatement(sql: """
                INSERT INTO antispam_bayes_messages (digest, class, learnt_at, tokens) VALUES (?, ?, ?, ?)
                ON CONFLICT(digest) DO UPDATE SET class = excluded.class, learnt_at = excluded.learnt_at, tokens = excluded.tokens
                """)
            let update = try db.cachedStatement(sql: "UPDATE antispam_bayes_tokens SET spam = max(0, spam + ?), ham = max(0, ham + ?) WHERE token = ?")
            let insert = try db.cachedStatement(sql: "INSERT INTO antispam_bayes_tokens (token, spam, ham) VALUES (?, ?, ?)")
            let now = Date().timeIntervalSince1970
            for item in items {
                let previous = try String.fetchOne(find, arguments: [item.digest]).flatMap(BayesClass.init(rawValue:))
                if previous == item.bayesClass { outcomes.append(.unchanged); continue }
                var ds = item.bayesClass == .spam ? 1 : 0
                var dh = item.bayesClass == .ham ? 1 : 0
                if let previous { if previous == .spam { ds -= 1 } else { dh -= 1 } }
                spamDelta += ds
                hamDelta += dh
                for token in item.tokens {
                    let key = Int64(bitPattern: token)
                    try update.execute(arguments: [ds, dh, key])
                    if db.changesCount == 0, previous == nil {
                        try insert.execute(arguments: [key, max(0, ds), max(0, dh)])
                        newTokens += 1
                    }
                }
                try record.execute(arguments: [item.digest, item.bayesClass.rawValue, now, TokenBlob.encode(item.tokens)])
                outcomes.append(previous == nil ? .learned : .relearned)
            }
            if spamDelta != 0 || hamDelta != 0 || newTokens != 0 || outcomes.contains(.relearned) {
                try db.cachedStatement(sql: """
                    UPDATE antispam_bayes_totals SET spam = spam + ?, ham = ham + ?, tokens = tokens + ?, version = version + 1 WHERE id = 1
                    """).execute(arguments: [spamDelta, hamDelta, newTokens])
            }
            return outcomes
        }
    }

    public func forget() async throws(BayesStoreError) {
        try await write { db in
            try db.execute(sql: """
                DELETE FROM antispam_bayes_tokens;
                DELETE FROM antispam_bayes_messages;
                UPDATE antispam_bayes_totals SET spam = 0, ham = 0, tokens = 0, bias = NULL, version = version + 1 WHERE id = 1;
                """)
        }
    }

    public func trainingSet(limit: Int) async throws(BayesStoreError) -> BayesTrainingSet {
        try await read { db in
            var messages: [BayesLearnItem] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT digest, class, tokens FROM antispam_bayes_messages ORDER BY learnt_at DESC, digest LIMIT ?
                """, arguments: [limit])
            while let row = try rows.next() {
                guard let bayesClass = BayesClass(rawValue: row[1]) else { continue }
                let blob: Data? = row[2]
                messages.append(BayesLearnItem(digest: row[0], tokens: blob.map(TokenBlob.decode) ?? [], bayesClass: bayesClass))
            }
            var counts: [UInt64: BayesTokenCounts] = [:]
            let tokens = try Row.fetchCursor(db, sql: "SELECT token, spam, ham FROM antispam_bayes_tokens")
            while let row = try tokens.next() {
                counts[UInt64(bitPattern: row[0] as Int64)] = BayesTokenCounts(spam: row[1], ham: row[2])
            }
            return BayesTrainingSet(messages: messages, counts: counts, totals: try Self.totals(db))
        }
    }

    public func saveWeights(_ weights: BayesWeights?) async throws(BayesStoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE antispam_bayes_tokens SET weight = 0 WHERE weight != 0")
            let update = try db.cachedStatement(sql: "UPDATE antispam_bayes_tokens SET weight = ? WHERE token = ?")
            for (token, weight) in weights?.weights ?? [:] {
                try update.execute(arguments: [weight, Int64(bitPattern: token)])
            }
            try db.execute(sql: "UPDATE antispam_bayes_totals SET bias = ?, version = version + 1 WHERE id = 1", arguments: [weights?.bias])
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BayesStoreError) -> T {
        // Synchronous GRDB on a BlockingIO thread (GRDB's async API deadlocked the server
        // under load: it needs a thread of the global pool that blocked work waits in).
        let database = self.database
        do { return try await BlockingIO.run { try database.read(body) } } catch { throw .storage("\(error)") }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BayesStoreError) -> T {
        let database = self.database
        do { return try await BlockingIO.run { try database.write(body) } } catch { throw .storage("\(error)") }
    }
}

/// The whole token table in memory, valid for one model version. Loading it costs one
/// table scan; looking a message's tokens up in it costs nothing, so it pays off from the
/// second scan of an unchanged model. Models above `limit` tokens are not cached.
final class SnapshotCache: @unchecked Sendable {
    private let lock = NSLock()
    private var version: Int64 = -1
    private var cached: TokenTable?
    private var scansSinceChange = 0
    let limit = 1_000_000

    /// The table if it is loaded for this version.
    func cachedTable(version: Int64) -> TokenTable? {
        lock.lock()
        defer { lock.unlock() }
        return self.version == version ? cached : nil
    }

    func table(version: Int64, tokens: Int, db: Database) throws -> TokenTable? {
        lock.lock()
        if self.version == version, let cached { lock.unlock(); return cached }
        if self.version != version { self.version = version; cached = nil; scansSinceChange = 0 }
        scansSinceChange += 1
        let load = scansSinceChange >= 2 && tokens <= limit
        lock.unlock()
        guard load else { return nil }
        let table = try TokenTable(db: db, capacity: tokens)
        lock.lock()
        if self.version == version { cached = table }
        lock.unlock()
        return table
    }
}

/// The token table as sorted arrays, looked up by binary search: read in the table's own
/// (primary key) order, it loads without hashing 100,000 keys into a dictionary.
struct TokenTable: Sendable {
    private var keys: [Int64] = []
    private var spam: [Int] = []
    private var ham: [Int] = []
    private var weight: [Double] = []

    init(db: Database, capacity: Int) throws {
        keys.reserveCapacity(capacity)
        spam.reserveCapacity(capacity)
        ham.reserveCapacity(capacity)
        weight.reserveCapacity(capacity)
        // Raw column reads: a GRDB Row per token cost as much as the rest of the load.
        let statement = try db.makeStatement(sql: "SELECT token, spam, ham, weight FROM antispam_bayes_tokens ORDER BY token")
        let rows = try Row.fetchCursor(statement)
        let sqlite = statement.sqliteStatement
        while try rows.next() != nil {
            keys.append(sqlite3_column_int64(sqlite, 0))
            spam.append(Int(sqlite3_column_int64(sqlite, 1)))
            ham.append(Int(sqlite3_column_int64(sqlite, 2)))
            weight.append(sqlite3_column_double(sqlite, 3))
        }
    }

    /// The counts of those `tokens` the table has, each found by binary search (measured
    /// against starting each search where the last ended, and against interpolating:
    /// both were slower).
    func counts(of tokens: [UInt64]) -> [UInt64: BayesTokenCounts] {
        var result: [UInt64: BayesTokenCounts] = [:]
        result.reserveCapacity(tokens.count)
        for token in tokens {
            let key = Int64(bitPattern: token)
            var low = 0, high = keys.count
            while low < high {
                let mid = (low + high) / 2
                if keys[mid] < key { low = mid + 1 } else { high = mid }
            }
            if low < keys.count, keys[low] == key { result[token] = BayesTokenCounts(spam: spam[low], ham: ham[low], weight: weight[low]) }
        }
        return result
    }
}

/// A message's tokens as stored: 8 bytes each, little-endian.
enum TokenBlob {
    static func encode(_ tokens: [UInt64]) -> Data {
        var data = Data(capacity: tokens.count * 8)
        for token in tokens { withUnsafeBytes(of: token.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func decode(_ data: Data) -> [UInt64] {
        let bytes = [UInt8](data)
        var tokens: [UInt64] = []
        tokens.reserveCapacity(bytes.count / 8)
        var i = 0
        while i + 8 <= bytes.count {
            var value: UInt64 = 0
            for k in 0..<8 { value |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            tokens.append(value)
            i += 8
        }
        return tokens
    }
}
