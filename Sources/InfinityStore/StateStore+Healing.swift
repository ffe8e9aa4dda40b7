import Foundation
import GRDB
import InfinityModel

/// One heal attempt: what was tried on which repository, and how it ended.
public struct HealAttemptRecord: Sendable, Hashable, Codable {
    public var id: Int64?
    public var repository: String
    public var category: String
    public var action: String
    public var headSHA: String?
    public var startedAt: Date
    public var finishedAt: Date?
    /// `pending`, `succeeded`, `failed`, `skipped`, `dry-run`.
    public var outcome: String
    /// Whether the attempt rebuilt (and so spent retry budget).
    public var retried: Bool
    public var detail: String?

    public init(id: Int64? = nil, repository: String, category: String, action: String, headSHA: String?, startedAt: Date,
                finishedAt: Date? = nil, outcome: String, retried: Bool, detail: String? = nil) {
        self.id = id
        self.repository = repository
        self.category = category
        self.action = action
        self.headSHA = headSHA
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.retried = retried
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, repository, category, action
        case headSHA = "head_sha"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case outcome, retried, detail
    }
}

/// An incident: a repository's build broken from the first failure to recovery.
public struct IncidentRecord: Sendable, Hashable, Codable {
    public var id: Int64?
    public var repository: String
    public var category: String
    public var openedAt: Date
    public var resolvedAt: Date?
    /// The action that was in effect when it recovered.
    public var resolvedBy: String?

    public init(id: Int64? = nil, repository: String, category: String, openedAt: Date, resolvedAt: Date? = nil, resolvedBy: String? = nil) {
        self.id = id
        self.repository = repository
        self.category = category
        self.openedAt = openedAt
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
    }

    enum CodingKeys: String, CodingKey {
        case id, repository, category
        case openedAt = "opened_at"
        case resolvedAt = "resolved_at"
        case resolvedBy = "resolved_by"
    }
}

extension StateStore {
    static func registerHealingMigration(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-healing") { db in
            try db.execute(sql: """
                CREATE TABLE heal_attempts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    repository TEXT NOT NULL,
                    category TEXT NOT NULL,
                    action TEXT NOT NULL,
                    head_sha TEXT,
                    started_at DOUBLE NOT NULL,
                    finished_at DOUBLE,
                    outcome TEXT NOT NULL,
                    retried INTEGER NOT NULL,
                    detail TEXT
                );
                CREATE INDEX heal_attempts_repo ON heal_attempts(repository, started_at);
                CREATE TABLE incidents (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    repository TEXT NOT NULL,
                    category TEXT NOT NULL,
                    opened_at DOUBLE NOT NULL,
                    resolved_at DOUBLE,
                    resolved_by TEXT
                );
                CREATE UNIQUE INDEX incidents_one_open ON incidents(repository) WHERE resolved_at IS NULL;
                CREATE TABLE circuit_breakers (
                    repository TEXT PRIMARY KEY,
                    state TEXT NOT NULL,
                    consecutive_failures INTEGER NOT NULL,
                    opened_at DOUBLE
                );
                """)
        }
    }

    /// Records a heal attempt; returns its id.
    @discardableResult
    public func recordHealAttempt(_ a: HealAttemptRecord) throws(StoreError) -> Int64 {
        try write("record heal attempt") { db in
            try db.execute(sql: """
                INSERT INTO heal_attempts (repository, category, action, head_sha, started_at, finished_at, outcome, retried, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [a.repository, a.category, a.action, a.headSHA, a.startedAt.timeIntervalSince1970,
                                 a.finishedAt?.timeIntervalSince1970, a.outcome, a.retried, a.detail])
            return db.lastInsertedRowID
        }
    }

    /// Sets an attempt's outcome; also whether it rebuilt and its category, when those are
    /// known only at the end (a re-run that passes shows a test failure was flaky).
    public func finishHealAttempt(id: Int64, outcome: String, at date: Date, detail: String?, retried: Bool? = nil,
                                  category: String? = nil) throws(StoreError) {
        try write("finish heal attempt") { db in
            try db.execute(sql: """
                UPDATE heal_attempts SET outcome = ?, finished_at = ?, detail = COALESCE(?, detail), retried = COALESCE(?, retried),
                category = COALESCE(?, category) WHERE id = ?
                """, arguments: [outcome, date.timeIntervalSince1970, detail, retried, category, id])
        }
    }

    /// Heal attempts since `date`, optionally for one repository, newest first.
    public func healAttempts(since date: Date, repository: String? = nil) throws(StoreError) -> [HealAttemptRecord] {
        try read("list heal attempts") { db in
            var sql = "SELECT * FROM heal_attempts WHERE started_at >= ?"
            var args: StatementArguments = [date.timeIntervalSince1970]
            if let repository { sql += " AND repository = ?"; args += [repository] }
            sql += " ORDER BY started_at DESC, id DESC"
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                HealAttemptRecord(id: row["id"], repository: row["repository"], category: row["category"], action: row["action"],
                                  headSHA: row["head_sha"], startedAt: Date(timeIntervalSince1970: row["started_at"]),
                                  finishedAt: (row["finished_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                                  outcome: row["outcome"], retried: row["retried"], detail: row["detail"])
            }
        }
    }

    /// Builds recorded since `date` (all repositories), for the organization retry budget.
    public func buildCount(since date: Date) throws(StoreError) -> Int {
        try read("count builds") { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM repository_results WHERE stage = 'build' AND status IN ('succeeded', 'failed', 'cancelled')
                AND COALESCE(started_at, 0) >= ?
                """, arguments: [date.timeIntervalSince1970]) ?? 0
        }
    }

    /// Opens an incident for a repository unless one is open already; returns the open one.
    @discardableResult
    public func openIncident(repository: String, category: String, at date: Date) throws(StoreError) -> IncidentRecord {
        try write("open incident") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO incidents (repository, category, opened_at) VALUES (?, ?, ?)",
                           arguments: [repository, category, date.timeIntervalSince1970])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE repository = ? AND resolved_at IS NULL", arguments: [repository])
            return IncidentRecord(id: row?["id"], repository: repository, category: row?["category"] ?? category,
                                  openedAt: (row?["opened_at"] as Double?).map { Date(timeIntervalSince1970: $0) } ?? date)
        }
    }

    /// Resolves a repository's open incident, if any; returns it.
    @discardableResult
    public func resolveIncident(repository: String, by action: String?, at date: Date) throws(StoreError) -> IncidentRecord? {
        try write("resolve incident") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE repository = ? AND resolved_at IS NULL", arguments: [repository]) else { return nil }
            try db.execute(sql: "UPDATE incidents SET resolved_at = ?, resolved_by = ? WHERE id = ?", arguments: [date.timeIntervalSince1970, action, row["id"] as Int64])
            return IncidentRecord(id: row["id"], repository: repository, category: row["category"],
                                  openedAt: Date(timeIntervalSince1970: row["opened_at"]), resolvedAt: date, resolvedBy: action)
        }
    }

    /// Incidents, newest first; `openOnly` keeps the unresolved ones.
    public func incidents(openOnly: Bool = false, limit: Int = 1000) throws(StoreError) -> [IncidentRecord] {
        try read("list incidents") { db in
            let sql = "SELECT * FROM incidents" + (openOnly ? " WHERE resolved_at IS NULL" : "") + " ORDER BY opened_at DESC, id DESC LIMIT ?"
            return try Row.fetchAll(db, sql: sql, arguments: [limit]).map { row in
                IncidentRecord(id: row["id"], repository: row["repository"], category: row["category"],
                               openedAt: Date(timeIntervalSince1970: row["opened_at"]),
                               resolvedAt: (row["resolved_at"] as Double?).map { Date(timeIntervalSince1970: $0) }, resolvedBy: row["resolved_by"])
            }
        }
    }

    /// A repository's stored circuit-breaker fields (state, consecutive failures, opened at).
    public func circuitBreakerFields(repository: String) throws(StoreError) -> (state: String, failures: Int, openedAt: Date?)? {
        try read("read circuit breaker") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM circuit_breakers WHERE repository = ?", arguments: [repository]) else { return nil }
            return (row["state"], row["consecutive_failures"], (row["opened_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
        }
    }

    /// Stores a repository's circuit-breaker fields.
    public func storeCircuitBreaker(repository: String, state: String, failures: Int, openedAt: Date?) throws(StoreError) {
        try write("store circuit breaker") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO circuit_breakers (repository, state, consecutive_failures, opened_at) VALUES (?, ?, ?, ?)",
                           arguments: [repository, state, failures, openedAt?.timeIntervalSince1970])
        }
    }

    /// Every stored circuit breaker, by repository name.
    public func circuitBreakers() throws(StoreError) -> [(repository: String, state: String, failures: Int, openedAt: Date?)] {
        try read("list circuit breakers") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM circuit_breakers ORDER BY repository").map { row in
                (row["repository"], row["state"], row["consecutive_failures"], (row["opened_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
            }
        }
    }
}
