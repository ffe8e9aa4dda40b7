import Foundation
import GRDB
import InfinityModel

/// One row of a repository's health history: what a pass scored.
public struct HealthHistoryEntry: Sendable, Hashable, Codable {
    public var runID: String?
    public var repository: String
    public var checkedAt: Date
    public var headSHA: String?
    public var score: Int?
    public var status: HealthSummary.Status
    public var failingChecks: [String]

    public init(runID: String?, repository: String, checkedAt: Date, headSHA: String?, score: Int?,
                status: HealthSummary.Status, failingChecks: [String]) {
        self.runID = runID
        self.repository = repository
        self.checkedAt = checkedAt
        self.headSHA = headSHA
        self.score = score
        self.status = status
        self.failingChecks = failingChecks
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case repository
        case checkedAt = "checked_at"
        case headSHA = "head_sha"
        case score, status
        case failingChecks = "failing_checks"
    }
}

extension StateStore {
    /// Records one pass: a history row per report and the report itself as the repository's
    /// latest; history older than `keepHistory` is dropped. One transaction.
    public func recordHealth(_ reports: [HealthReport], runID: String?, keepHistory: TimeInterval = 90 * 86_400) throws(StoreError) {
        guard !reports.isEmpty else { return }
        let encoder = JSONEncoder.sorted
        var rows: [(HealthReport, String, String)] = []
        do {
            for r in reports {
                let failing = String(decoding: try encoder.encode(r.failingChecks), as: UTF8.self)
                let report = String(decoding: try encoder.encode(r), as: UTF8.self)
                rows.append((r, failing, report))
            }
        } catch {
            throw StoreError(path: path, operation: "encode health reports", underlying: error)
        }
        try write("record health") { db in
            let history = try db.makeStatement(sql: """
                INSERT INTO health_history (run_id, repository, checked_at, head_sha, score, status, failing_checks)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let latest = try db.makeStatement(sql: "INSERT OR REPLACE INTO health_reports (repository, checked_at, report) VALUES (?, ?, ?)")
            for (r, failing, report) in rows {
                try history.execute(arguments: [runID, r.repository, r.checkedAt.storeSeconds, r.headSHA, r.score, r.status.rawValue, failing])
                try latest.execute(arguments: [r.repository, r.checkedAt.storeSeconds, report])
            }
            if let newest = reports.map(\.checkedAt).max() {
                try db.execute(sql: "DELETE FROM health_history WHERE checked_at < ?", arguments: [newest.storeSeconds - keepHistory])
            }
        }
    }

    /// A repository's health history, newest first.
    public func healthHistory(repository: String, limit: Int = 50) throws(StoreError) -> [HealthHistoryEntry] {
        try read("read health history") { db in
            try Row.fetchAll(db, sql: """
                SELECT run_id, repository, checked_at, head_sha, score, status, failing_checks FROM health_history
                WHERE repository = ? ORDER BY id DESC LIMIT ?
                """, arguments: [repository, limit]).map(Self.historyEntry)
        }
    }

    /// The newest history row of every repository.
    public func latestHealth() throws(StoreError) -> [String: HealthHistoryEntry] {
        try read("read latest health") { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT h.run_id, h.repository, h.checked_at, h.head_sha, h.score, h.status, h.failing_checks
                FROM health_history h JOIN (SELECT repository, MAX(id) AS id FROM health_history GROUP BY repository) m ON h.id = m.id
                """)
            var out: [String: HealthHistoryEntry] = [:]
            for row in rows { let e = Self.historyEntry(row); out[e.repository] = e }
            return out
        }
    }

    /// The latest full report of every repository (or of one).
    public func latestHealthReports(repository: String? = nil) throws(StoreError) -> [HealthReport] {
        let texts: [String] = try read("read health reports") { db in
            if let repository {
                return try String.fetchAll(db, sql: "SELECT report FROM health_reports WHERE repository = ?", arguments: [repository])
            }
            return try String.fetchAll(db, sql: "SELECT report FROM health_reports ORDER BY repository")
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return texts.compactMap { try? decoder.decode(HealthReport.self, from: Data($0.utf8)) }
    }

    private static func historyEntry(_ row: Row) -> HealthHistoryEntry {
        let failingText: String = row["failing_checks"]
        let failing = (try? JSONDecoder().decode([String].self, from: Data(failingText.utf8))) ?? []
        return HealthHistoryEntry(runID: row["run_id"], repository: row["repository"], checkedAt: Date(storeSeconds: row["checked_at"]),
                                  headSHA: row["head_sha"], score: row["score"],
                                  status: HealthSummary.Status(rawValue: row["status"]) ?? .unknown, failingChecks: failing)
    }

    /// Cached content-check payloads by repository: (head SHA, checks version, payload).
    public func healthCheckCache() throws(StoreError) -> [String: (sha: String, version: Int, payload: Data)] {
        try read("read health check cache") { db in
            var out: [String: (sha: String, version: Int, payload: Data)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, head_sha, version, payload FROM health_check_cache") {
                out[row["repository"]] = (sha: row["head_sha"], version: row["version"], payload: row["payload"])
            }
            return out
        }
    }

    /// Replaces cached content-check payloads.
    public func storeHealthCheckCache(_ entries: [(repository: String, sha: String, version: Int, payload: Data)]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try write("write health check cache") { db in
            let stmt = try db.makeStatement(sql: "INSERT OR REPLACE INTO health_check_cache (repository, head_sha, version, payload) VALUES (?, ?, ?, ?)")
            for e in entries { try stmt.execute(arguments: [e.repository, e.sha, e.version, e.payload]) }
        }
    }

    /// The newest result of every repository at `stage`, optionally only among `statuses`.
    public func latestResults(stage: String, statuses: [String]? = nil) throws(StoreError) -> [String: RepositoryResultRecord] {
        try read("read latest results") { db in
            var inner = "SELECT repository, MAX(id) AS id FROM repository_results WHERE stage = ?"
            var args: StatementArguments = [stage]
            if let statuses, !statuses.isEmpty {
                inner += " AND status IN (" + statuses.map { _ in "?" }.joined(separator: ", ") + ")"
                for s in statuses { args += [s] }
            }
            inner += " GROUP BY repository"
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.run_id, r.repository, r.stage, r.status, r.started_at, r.finished_at, r.detail
                FROM repository_results r JOIN (\(inner)) m ON r.id = m.id
                """, arguments: args)
            var out: [String: RepositoryResultRecord] = [:]
            for row in rows {
                let r = RepositoryResultRecord(
                    runID: row["run_id"], repository: row["repository"], stage: row["stage"], status: row["status"],
                    startedAt: (row["started_at"] as Double?).map(Date.init(storeSeconds:)),
                    finishedAt: (row["finished_at"] as Double?).map(Date.init(storeSeconds:)),
                    detail: row["detail"])
                out[r.repository] = r
            }
            return out
        }
    }

    /// Outcome counts of every result at `stage` (for metrics): status → count.
    public func resultCounts(stage: String) throws(StoreError) -> [String: Int] {
        try read("count results") { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM repository_results WHERE stage = ? GROUP BY status", arguments: [stage]) {
                out[row["status"]] = row["n"]
            }
            return out
        }
    }

    /// The `detail` JSON of every result at `stage` with one of `statuses`, newest first, at most `limit`.
    public func resultDetails(stage: String, limit: Int = 10_000) throws(StoreError) -> [(repository: String, status: String, detail: String?)] {
        try read("read result details") { db in
            try Row.fetchAll(db, sql: "SELECT repository, status, detail FROM repository_results WHERE stage = ? ORDER BY id DESC LIMIT ?",
                             arguments: [stage, limit]).map { (repository: $0["repository"], status: $0["status"], detail: $0["detail"]) }
        }
    }
}

extension StateStore {
    /// Audit entries whose action starts with `actionPrefix`, counted per action and outcome.
    public func auditCounts(actionPrefix: String) throws(StoreError) -> [(action: String, outcome: String, count: Int)] {
        try read("count audit entries") { db in
            let pattern = actionPrefix.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            return try Row.fetchAll(db, sql: """
                SELECT action, outcome, COUNT(*) AS n FROM audit_log WHERE action LIKE ? ESCAPE '\\' GROUP BY action, outcome ORDER BY action, outcome
                """, arguments: [pattern]).map { (action: $0["action"], outcome: $0["outcome"], count: $0["n"]) }
        }
    }
}
