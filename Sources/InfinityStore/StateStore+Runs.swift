import Foundation
import GRDB
import InfinityModel

/// A run of a workflow (`discover`, `build`, `cycle` …) as the store keeps it.
public struct RunRecord: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case running, succeeded, failed, cancelled
    }

    public var id: String
    public var workflow: String
    /// What started it: `manual`, `schedule`, `manifest-change`, `demo` …
    public var trigger: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: Status
    /// A short one-line summary.
    public var summary: String?

    enum CodingKeys: String, CodingKey {
        case id, workflow, trigger
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case status, summary
    }
}

/// One repository's result within a run and stage.
public struct RepositoryResultRecord: Sendable, Hashable, Codable {
    public var runID: String
    public var repository: String
    public var stage: String
    public var status: String
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Stage-specific JSON.
    public var detail: String?

    public init(runID: String, repository: String, stage: String, status: String, startedAt: Date? = nil, finishedAt: Date? = nil, detail: String? = nil) {
        self.runID = runID
        self.repository = repository
        self.stage = stage
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case repository, stage, status
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case detail
    }
}

extension StateStore {
    /// A new sortable run id: UTC time plus a random suffix.
    public static func makeRunID(at date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return f.string(from: date) + "-" + String(repeating: "0", count: max(0, 8 - suffix.count)) + suffix
    }

    /// Records the start of a run and returns it.
    public func beginRun(workflow: String, trigger: String, at date: Date, id: String? = nil) throws(StoreError) -> RunRecord {
        let run = RunRecord(id: id ?? Self.makeRunID(at: date), workflow: workflow, trigger: trigger, startedAt: date, finishedAt: nil, status: .running, summary: nil)
        try write("begin run") { db in
            try db.execute(sql: "INSERT INTO runs (id, workflow, trigger, started_at, status) VALUES (?, ?, ?, ?, ?)",
                           arguments: [run.id, run.workflow, run.trigger, date.timeIntervalSince1970, run.status.rawValue])
        }
        return run
    }

    /// Records the end of a run.
    public func finishRun(_ id: String, status: RunRecord.Status, summary: String?, at date: Date) throws(StoreError) {
        try write("finish run") { db in
            try db.execute(sql: "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
                           arguments: [date.timeIntervalSince1970, status.rawValue, summary, id])
        }
    }

    /// Runs, newest first.
    public func runs(limit: Int = 50, workflow: String? = nil) throws(StoreError) -> [RunRecord] {
        try read("list runs") { db in
            var sql = "SELECT id, workflow, trigger, started_at, finished_at, status, summary FROM runs"
            var args: StatementArguments = []
            if let workflow { sql += " WHERE workflow = ?"; args += [workflow] }
            sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
            args += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                RunRecord(
                    id: row["id"], workflow: row["workflow"], trigger: row["trigger"],
                    startedAt: Date(timeIntervalSince1970: row["started_at"]),
                    finishedAt: (row["finished_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    status: RunRecord.Status(rawValue: row["status"]) ?? .failed,
                    summary: row["summary"]
                )
            }
        }
    }

    /// Adds results for one run in a single transaction.
    public func recordResults(_ results: [RepositoryResultRecord]) throws(StoreError) {
        guard !results.isEmpty else { return }
        try write("record results") { db in
            let stmt = try db.makeStatement(sql: """
                INSERT INTO repository_results (run_id, repository, stage, status, started_at, finished_at, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for r in results {
                try stmt.execute(arguments: [r.runID, r.repository, r.stage, r.status,
                                             r.startedAt?.timeIntervalSince1970, r.finishedAt?.timeIntervalSince1970, r.detail])
            }
        }
    }

    /// Results of one run, or the latest results of a repository at a stage.
    public func results(runID: String? = nil, repository: String? = nil, stage: String? = nil, limit: Int = 1000) throws(StoreError) -> [RepositoryResultRecord] {
        try read("list results") { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let runID { clauses.append("run_id = ?"); args += [runID] }
            if let repository { clauses.append("repository = ?"); args += [repository] }
            if let stage { clauses.append("stage = ?"); args += [stage] }
            var sql = "SELECT run_id, repository, stage, status, started_at, finished_at, detail FROM repository_results"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY id DESC LIMIT ?"
            args += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                RepositoryResultRecord(
                    runID: row["run_id"], repository: row["repository"], stage: row["stage"], status: row["status"],
                    startedAt: (row["started_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    finishedAt: (row["finished_at"] as Double?).map { Date(timeIntervalSince1970: $0) },
                    detail: row["detail"]
                )
            }
        }
    }
}
