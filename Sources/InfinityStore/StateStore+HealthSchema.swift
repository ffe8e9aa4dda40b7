import Foundation
import GRDB
import InfinityModel

extension StateStore {
    /// Migration `v2-health`: health history and the latest report per repository, the
    /// per-head cache of content checks, security findings (written by the security stage,
    /// read by health), healing requests (written by health, consumed by self-healing) and
    /// the alert ledger that keeps one alert per repository across passes and processes.
    static func registerHealthMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-health") { db in
            try db.execute(sql: """
                CREATE TABLE health_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id TEXT,
                    repository TEXT NOT NULL,
                    checked_at DOUBLE NOT NULL,
                    head_sha TEXT,
                    score INTEGER,
                    status TEXT NOT NULL,
                    failing_checks TEXT NOT NULL
                );
                CREATE INDEX health_history_repo ON health_history(repository, id);
                CREATE INDEX health_history_at ON health_history(checked_at);
                CREATE TABLE health_reports (
                    repository TEXT PRIMARY KEY,
                    checked_at DOUBLE NOT NULL,
                    report TEXT NOT NULL
                );
                CREATE TABLE health_check_cache (
                    repository TEXT PRIMARY KEY,
                    head_sha TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    payload BLOB NOT NULL
                );
                CREATE TABLE findings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    repository TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    rule_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    file TEXT,
                    line INTEGER,
                    fingerprint TEXT NOT NULL,
                    first_seen DOUBLE NOT NULL,
                    last_seen DOUBLE NOT NULL,
                    state TEXT NOT NULL DEFAULT 'open',
                    detail TEXT,
                    UNIQUE(repository, kind, fingerprint)
                );
                CREATE INDEX findings_state ON findings(repository, state);
                CREATE TABLE finding_scans (
                    repository TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    scanned_at DOUBLE NOT NULL,
                    PRIMARY KEY (repository, kind)
                );
                CREATE TABLE healing_requests (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    repository TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    created_at DOUBLE NOT NULL,
                    state TEXT NOT NULL DEFAULT 'pending',
                    detail TEXT,
                    dedupe_key TEXT
                );
                CREATE UNIQUE INDEX healing_one_pending ON healing_requests(repository, reason) WHERE state = 'pending';
                CREATE INDEX healing_dedupe ON healing_requests(repository, reason, dedupe_key);
                CREATE TABLE alerts (
                    key TEXT PRIMARY KEY,
                    repository TEXT NOT NULL,
                    state TEXT NOT NULL,
                    failing_hash TEXT NOT NULL,
                    reference TEXT,
                    opened_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL,
                    pinged_at DOUBLE NOT NULL,
                    closed_at DOUBLE,
                    version INTEGER NOT NULL
                );
                """)
        }
    }

    /// Runs `body` in an IMMEDIATE transaction: the write lock is taken before the first read,
    /// so a read-then-write decision cannot race another process.
    func writeImmediate<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(path: path, operation: operation, underlying: CocoaError(.coderValueNotFound)) }
                return result
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, operation: operation, underlying: error)
        }
    }
}

extension Date {
    /// Seconds since 1970, as the store keeps times.
    var storeSeconds: Double { timeIntervalSince1970 }
    init(storeSeconds: Double) { self.init(timeIntervalSince1970: storeSeconds) }
}
