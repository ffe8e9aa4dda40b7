import Foundation
import GRDB
import InfinityModel

/// One action the tool took, as the append-only audit log keeps it.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64?
    public var at: Date
    public var runID: String?
    /// What was done: `manifest.write`, `alert.open`, `heal.retry`, `cache.clear` …
    public var action: String
    /// What it was done to: a repository name, a file, an issue.
    public var target: String
    /// `ok`, `failed`, `skipped`, `dry-run` …
    public var outcome: String
    public var detail: String?

    public init(id: Int64? = nil, at: Date, runID: String? = nil, action: String, target: String, outcome: String, detail: String? = nil) {
        self.id = id
        self.at = at
        self.runID = runID
        self.action = action
        self.target = target
        self.outcome = outcome
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case id, at
        case runID = "run_id"
        case action, target, outcome, detail
    }
}

/// A discovery snapshot: what a discovery saw and what changed.
public struct DiscoverySnapshotRecord: Sendable, Hashable, Codable {
    public var runID: String?
    public var takenAt: Date
    public var repositoryCount: Int
    public var changes: ManifestChanges
    public var manifestSHA256: String

    public init(runID: String?, takenAt: Date, repositoryCount: Int, changes: ManifestChanges, manifestSHA256: String) {
        self.runID = runID
        self.takenAt = takenAt
        self.repositoryCount = repositoryCount
        self.changes = changes
        self.manifestSHA256 = manifestSHA256
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case takenAt = "taken_at"
        case repositoryCount = "repository_count"
        case changes
        case manifestSHA256 = "manifest_sha256"
    }
}

extension StateStore {
    /// Appends entries to the audit log (never updated or deleted: triggers refuse it).
    public func appendAudit(_ entries: [AuditEntry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try write("append audit") { db in
            let stmt = try db.makeStatement(sql: "INSERT INTO audit_log (at, run_id, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)")
            for e in entries {
                try stmt.execute(arguments: [e.at.timeIntervalSince1970, e.runID, e.action, e.target, e.outcome, e.detail])
            }
        }
    }

    public func appendAudit(_ entry: AuditEntry) throws(StoreError) { try appendAudit([entry]) }

    /// Audit entries, newest first, optionally for one target or action prefix.
    public func audit(limit: Int = 100, target: String? = nil, actionPrefix: String? = nil) throws(StoreError) -> [AuditEntry] {
        try read("read audit") { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let target { clauses.append("target = ?"); args += [target] }
            if let actionPrefix { clauses.append("action LIKE ? ESCAPE '\\'"); args += [actionPrefix.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"] }
            var sql = "SELECT id, at, run_id, action, target, outcome, detail FROM audit_log"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY id DESC LIMIT ?"
            args += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row in
                AuditEntry(id: row["id"], at: Date(timeIntervalSince1970: row["at"]), runID: row["run_id"],
                           action: row["action"], target: row["target"], outcome: row["outcome"], detail: row["detail"])
            }
        }
    }

    /// Records a discovery snapshot.
    public func recordSnapshot(_ snapshot: DiscoverySnapshotRecord) throws(StoreError) {
        let changes: String
        do { changes = String(decoding: try JSONEncoder.sorted.encode(snapshot.changes), as: UTF8.self) } catch {
            throw StoreError(path: path, operation: "encode snapshot", underlying: error)
        }
        try write("record snapshot") { db in
            try db.execute(sql: "INSERT INTO discovery_snapshots (run_id, taken_at, repository_count, changes, manifest_sha256) VALUES (?, ?, ?, ?, ?)",
                           arguments: [snapshot.runID, snapshot.takenAt.timeIntervalSince1970, snapshot.repositoryCount, changes, snapshot.manifestSHA256])
        }
    }

    /// Discovery snapshots, newest first.
    public func snapshots(limit: Int = 20) throws(StoreError) -> [DiscoverySnapshotRecord] {
        try read("list snapshots") { db in
            try Row.fetchAll(db, sql: "SELECT run_id, taken_at, repository_count, changes, manifest_sha256 FROM discovery_snapshots ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                let text: String = row["changes"]
                let changes = (try? JSONDecoder().decode(ManifestChanges.self, from: Data(text.utf8))) ?? ManifestChanges()
                return DiscoverySnapshotRecord(runID: row["run_id"], takenAt: Date(timeIntervalSince1970: row["taken_at"]),
                                               repositoryCount: row["repository_count"], changes: changes, manifestSHA256: row["manifest_sha256"])
            }
        }
    }

    /// Cached detection payloads by repository: (head SHA, detector version, payload).
    public func detectionCache() throws(StoreError) -> [String: (sha: String, version: Int, payload: Data)] {
        try read("read detection cache") { db in
            var out: [String: (String, Int, Data)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, head_sha, version, payload FROM detection_cache") {
                out[row["repository"]] = (row["head_sha"], row["version"], row["payload"])
            }
            return out.mapValues { (sha: $0.0, version: $0.1, payload: $0.2) }
        }
    }

    /// Replaces cached detection payloads.
    public func storeDetections(_ entries: [(repository: String, sha: String, version: Int, payload: Data)]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try write("write detection cache") { db in
            let stmt = try db.makeStatement(sql: "INSERT OR REPLACE INTO detection_cache (repository, head_sha, version, payload) VALUES (?, ?, ?, ?)")
            for e in entries { try stmt.execute(arguments: [e.repository, e.sha, e.version, e.payload]) }
        }
    }
}

extension JSONEncoder {
    /// Sorted keys, ISO 8601 dates: the encoder for everything the store keeps as JSON.
    public static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
