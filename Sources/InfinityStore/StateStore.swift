import Foundation
import GRDB
import InfinityModel

/// The state store, `.infinity/state.sqlite`: runs, per-repository results, discovery
/// snapshots, caches and the append-only audit log. SQLite in WAL mode through GRDB, with
/// versioned migrations; safe to open from several processes at once.
public final class StateStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and migrates it to the current schema.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.label = "infinity.state"
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, operation: "open", underlying: error)
        }
    }

    /// Runs a read inside the store, mapping errors to `StoreError`.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError(path: path, operation: operation, underlying: error) }
    }

    /// Runs a write transaction inside the store, mapping errors to `StoreError`.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError(path: path, operation: operation, underlying: error) }
    }

    /// The schema, one migration per version; never edit a shipped migration, add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY,
                    workflow TEXT NOT NULL,
                    trigger TEXT NOT NULL,
                    started_at DOUBLE NOT NULL,
                    finished_at DOUBLE,
                    status TEXT NOT NULL,
                    summary TEXT
                );
                CREATE INDEX runs_started ON runs(started_at);
                CREATE TABLE repository_results (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    repository TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    status TEXT NOT NULL,
                    started_at DOUBLE,
                    finished_at DOUBLE,
                    detail TEXT
                );
                CREATE INDEX results_repo ON repository_results(repository, stage, id);
                CREATE INDEX results_run ON repository_results(run_id);
                CREATE TABLE discovery_snapshots (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
                    taken_at DOUBLE NOT NULL,
                    repository_count INTEGER NOT NULL,
                    changes TEXT NOT NULL,
                    manifest_sha256 TEXT NOT NULL
                );
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DOUBLE NOT NULL,
                    run_id TEXT,
                    action TEXT NOT NULL,
                    target TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT
                );
                CREATE INDEX audit_at ON audit_log(at);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TABLE detection_cache (
                    repository TEXT PRIMARY KEY,
                    head_sha TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    payload BLOB NOT NULL
                );
                """)
        }
        m.registerMigration("v2-build", migrate: migrateBuildV2)
        registerHealthMigration(&m)
        registerHealingMigration(&m)
        registerHTTPCacheMigration(&m)
        return m
    }
}

/// A store operation that failed: which file, what was being done, and SQLite's reason.
public struct StoreError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var operation: String
    public var reason: String

    public init(path: String, operation: String, underlying: any Error) {
        self.path = path
        self.operation = operation
        if let db = underlying as? DatabaseError {
            self.reason = db.message ?? "\(db.resultCode)"
        } else {
            self.reason = "\(underlying)"
        }
    }

    public var description: String {
        "state store \(path): \(operation) failed: \(reason) (if the file is corrupt, move it aside; it is rebuilt on the next run)"
    }

    public var errorDescription: String? { description }
}
