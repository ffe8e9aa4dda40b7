import Foundation
import GRDB
import InfinityModel

/// The build pipeline's result cache: the latest outcome of each repository at each cache
/// key. A key with a `succeeded` entry is not built again (`cached`).
public struct BuildKeyRecord: Sendable, Hashable, Codable {
    public var repository: String
    /// The full key: own inputs plus the keys of the repositories depended on.
    public var cacheKey: String
    /// The repository's own inputs only (head, configuration, toolchain): tells "changed"
    /// from "dependency changed".
    public var ownKey: String
    /// The latest build status at this key (`succeeded`, `failed`, `cancelled`).
    public var status: String
    public var runID: String?
    public var recordedAt: Date
    /// The `detail` JSON of that result, so a cached report can point at its logs.
    public var detail: String?
    /// How long the build took, for critical-path estimates.
    public var durationSeconds: Double?

    public init(repository: String, cacheKey: String, ownKey: String, status: String, runID: String?, recordedAt: Date,
                detail: String? = nil, durationSeconds: Double? = nil) {
        self.repository = repository
        self.cacheKey = cacheKey
        self.ownKey = ownKey
        self.status = status
        self.runID = runID
        self.recordedAt = recordedAt
        self.detail = detail
        self.durationSeconds = durationSeconds
    }

    enum CodingKeys: String, CodingKey {
        case repository
        case cacheKey = "cache_key"
        case ownKey = "own_key"
        case status
        case runID = "run_id"
        case recordedAt = "recorded_at"
        case detail
        case durationSeconds = "duration_seconds"
    }
}

extension StateStore {
    /// Keys kept per repository; older ones are pruned on write.
    public static let buildKeysKeptPerRepository = 20

    /// Migration `v2-build`: the build result cache. Registered after `v1`; named after its
    /// feature so migrations from several features merge without renumbering.
    static func migrateBuildV2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE build_keys (
                repository TEXT NOT NULL,
                cache_key TEXT NOT NULL,
                own_key TEXT NOT NULL,
                status TEXT NOT NULL,
                run_id TEXT,
                recorded_at DOUBLE NOT NULL,
                detail TEXT,
                duration_seconds DOUBLE,
                PRIMARY KEY (repository, cache_key)
            );
            CREATE INDEX build_keys_recent ON build_keys(repository, recorded_at);
            """)
    }

    /// Every remembered key, newest first within each repository.
    public func buildKeys() throws(StoreError) -> [String: [BuildKeyRecord]] {
        try read("read build keys") { db in
            var out: [String: [BuildKeyRecord]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT repository, cache_key, own_key, status, run_id, recorded_at, detail, duration_seconds
                FROM build_keys ORDER BY repository, recorded_at DESC, rowid DESC
                """)
            while let row = try rows.next() {
                let record = BuildKeyRecord(repository: row["repository"], cacheKey: row["cache_key"], ownKey: row["own_key"],
                                            status: row["status"], runID: row["run_id"],
                                            recordedAt: Date(timeIntervalSince1970: row["recorded_at"]),
                                            detail: row["detail"], durationSeconds: row["duration_seconds"])
                out[record.repository, default: []].append(record)
            }
            return out
        }
    }

    /// Records build results and their keys in one transaction, so the result cache never
    /// claims a success the results table does not have. The latest outcome at a key wins (a
    /// forced rebuild that fails makes the key build again next time); callers pass no key for
    /// `cached` and `skipped` reports.
    public func recordBuild(results: [RepositoryResultRecord], keys: [BuildKeyRecord]) throws(StoreError) {
        guard !results.isEmpty || !keys.isEmpty else { return }
        try write("record build results") { db in
            let insertResult = try db.makeStatement(sql: """
                INSERT INTO repository_results (run_id, repository, stage, status, started_at, finished_at, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for r in results {
                try insertResult.execute(arguments: [r.runID, r.repository, r.stage, r.status,
                                                     r.startedAt?.timeIntervalSince1970, r.finishedAt?.timeIntervalSince1970, r.detail])
            }
            let upsertKey = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO build_keys (repository, cache_key, own_key, status, run_id, recorded_at, detail, duration_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let prune = try db.makeStatement(sql: """
                DELETE FROM build_keys WHERE repository = ? AND cache_key NOT IN (
                    SELECT cache_key FROM build_keys WHERE repository = ? ORDER BY recorded_at DESC, rowid DESC LIMIT ?)
                """)
            for k in keys {
                try upsertKey.execute(arguments: [k.repository, k.cacheKey, k.ownKey, k.status, k.runID,
                                                  k.recordedAt.timeIntervalSince1970, k.detail, k.durationSeconds])
            }
            for repository in Set(keys.map(\.repository)) {
                try prune.execute(arguments: [repository, repository, Self.buildKeysKeptPerRepository])
            }
        }
    }

    /// Forgets remembered keys (all, or one repository's), so the next build runs them again.
    @discardableResult
    public func forgetBuildKeys(repository: String? = nil) throws(StoreError) -> Int {
        try write("forget build keys") { db in
            if let repository {
                try db.execute(sql: "DELETE FROM build_keys WHERE repository = ?", arguments: [repository])
            } else {
                try db.execute(sql: "DELETE FROM build_keys")
            }
            return db.changesCount
        }
    }

    /// The latest `build` result of every repository: what the health monitor reads.
    public func latestBuildResults() throws(StoreError) -> [RepositoryResultRecord] {
        try read("read latest build results") { db in
            try Row.fetchAll(db, sql: """
                SELECT r.run_id, r.repository, r.stage, r.status, r.started_at, r.finished_at, r.detail
                FROM repository_results r
                JOIN (SELECT repository, MAX(id) AS id FROM repository_results WHERE stage = 'build' GROUP BY repository) latest
                  ON latest.id = r.id
                ORDER BY r.repository
                """).map { row in
                RepositoryResultRecord(
                    runID: row["run_id"], repository: row["repository"], stage: row["stage"], status: row["status"],
                    startedAt: (row["started_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    finishedAt: (row["finished_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    detail: row["detail"])
            }
        }
    }
}
