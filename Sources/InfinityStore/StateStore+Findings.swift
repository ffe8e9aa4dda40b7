import Foundation
import GRDB
import InfinityModel

/// A finding as the store tracks it over time.
public struct StoredFinding: Sendable, Hashable, Codable {
    /// Whether the finding still stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// Seen in the latest scan of its kind.
        case open
        /// Not seen by a later scan of its kind.
        case fixed
        /// Acknowledged by a person; stays accepted while it is seen.
        case accepted
    }

    public var id: Int64
    public var repository: String
    public var kind: Finding.Kind
    public var finding: Finding
    public var firstSeen: Date
    public var lastSeen: Date
    public var state: State

    enum CodingKeys: String, CodingKey {
        case id, repository, kind, finding
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case state
    }
}

/// Counts of open findings of one repository, by kind and severity.
public struct OpenFindingCounts: Sendable, Hashable {
    public var counts: [Finding.Kind: [Finding.Severity: Int]] = [:]
    public init() {}

    /// Open findings of `kind` (all severities).
    public func total(_ kind: Finding.Kind) -> Int { counts[kind]?.values.reduce(0, +) ?? 0 }
    /// Open findings of `kind` at `severity`.
    public func count(_ kind: Finding.Kind, _ severity: Finding.Severity) -> Int { counts[kind]?[severity] ?? 0 }
}

extension StateStore {
    /// Records the result of one scan of `kind` over `repository`: findings seen now are
    /// inserted or refreshed (`last_seen`; a fixed one reopens, an accepted one stays
    /// accepted), and every earlier finding of that repository and kind that was not seen
    /// now is marked `fixed`. Also notes that the scan ran, so a clean repository is
    /// distinguishable from an unscanned one. One transaction.
    public func upsertFindings(repository: String, kind: Finding.Kind, findings: [Finding], at date: Date) throws(StoreError) {
        // Imported SARIF findings carry `tool:` in their fingerprint; an import only speaks
        // for the tools it contains, so another tool's findings are never marked fixed by it.
        let tools = Set(findings.compactMap { Self.sarifTool($0.fingerprint) })
        try upsertFindings(repository: repository, kind: kind, findings: findings, at: date) { fingerprint in
            guard kind == .sarif, let tool = Self.sarifTool(fingerprint) else { return true }
            return tools.contains(tool)
        }
    }

    /// Like ``upsertFindings(repository:kind:findings:at:)`` when several sources share a kind
    /// (our scanner and a code host's alerts): an earlier finding not seen now is marked `fixed`
    /// only when `speaksFor` its fingerprint — findings of a source that was not asked this
    /// time stay as they are.
    public func upsertFindings(repository: String, kind: Finding.Kind, findings: [Finding], at date: Date,
                               speaksFor: @escaping @Sendable (String) -> Bool) throws(StoreError) {
        try writeImmediate("upsert findings") { db in
            let upsert = try db.makeStatement(sql: """
                INSERT INTO findings (repository, kind, rule_id, severity, file, line, fingerprint, first_seen, last_seen, state, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
                ON CONFLICT(repository, kind, fingerprint) DO UPDATE SET
                    rule_id = excluded.rule_id, severity = excluded.severity, file = excluded.file, line = excluded.line,
                    last_seen = excluded.last_seen, detail = excluded.detail,
                    state = CASE WHEN findings.state = 'accepted' THEN 'accepted' ELSE 'open' END
                """)
            var seen = Set<String>()
            for f in findings where seen.insert(f.fingerprint).inserted {
                try upsert.execute(arguments: [repository, kind.rawValue, f.ruleID, f.severity.rawValue, f.file, f.line,
                                               f.fingerprint, date.storeSeconds, date.storeSeconds, f.detail])
            }
            let standing = try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM findings WHERE repository = ? AND kind = ? AND state != 'fixed'",
                                            arguments: [repository, kind.rawValue])
            let fix = try db.makeStatement(sql: "UPDATE findings SET state = 'fixed' WHERE id = ?")
            for row in standing {
                let fingerprint: String = row["fingerprint"]
                guard !seen.contains(fingerprint), speaksFor(fingerprint) else { continue }
                try fix.execute(arguments: [row["id"] as Int64])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO finding_scans (repository, kind, scanned_at) VALUES (?, ?, ?)",
                           arguments: [repository, kind.rawValue, date.storeSeconds])
        }
    }

    /// The tool part of an imported SARIF finding's fingerprint (`tool:hash`).
    static func sarifTool(_ fingerprint: String) -> String? {
        guard let colon = fingerprint.firstIndex(of: ":") else { return nil }
        return String(fingerprint[..<colon])
    }

    /// The open and accepted findings of a repository (every kind), most severe first.
    public func openFindings(repository: String) throws(StoreError) -> [StoredFinding] {
        try findings(repository: repository, states: [.open, .accepted])
    }

    /// Findings of a repository in `states`, most severe first.
    public func findings(repository: String, states: [StoredFinding.State] = StoredFinding.State.allCases) throws(StoreError) -> [StoredFinding] {
        try read("read findings") { db in
            let marks = states.map { _ in "?" }.joined(separator: ", ")
            var args: StatementArguments = [repository]
            for s in states { args += [s.rawValue] }
            return try Row.fetchAll(db, sql: """
                SELECT id, repository, kind, rule_id, severity, file, line, fingerprint, first_seen, last_seen, state, detail
                FROM findings WHERE repository = ? AND state IN (\(marks))
                """, arguments: args).compactMap(Self.storedFinding)
                .sorted { ($0.finding.severity.rank, $1.id) > ($1.finding.severity.rank, $0.id) }
        }
    }

    /// Changes a finding's state (e.g. to `accepted`); false when there is no such finding.
    @discardableResult
    public func setFindingState(id: Int64, _ state: StoredFinding.State) throws(StoreError) -> Bool {
        try write("set finding state") { db in
            try db.execute(sql: "UPDATE findings SET state = ? WHERE id = ?", arguments: [state.rawValue, id])
            return db.changesCount > 0
        }
    }

    /// Counts of `open` findings (accepted ones excluded) for every repository.
    public func openFindingCounts() throws(StoreError) -> [String: OpenFindingCounts] {
        try read("count findings") { db in
            var out: [String: OpenFindingCounts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, kind, severity, COUNT(*) AS n FROM findings WHERE state = 'open' GROUP BY repository, kind, severity") {
                guard let kind = Finding.Kind(rawValue: row["kind"]), let severity = Finding.Severity(rawValue: row["severity"]) else { continue }
                out[row["repository"], default: OpenFindingCounts()].counts[kind, default: [:]][severity] = row["n"]
            }
            return out
        }
    }

    /// When each repository was last scanned, per kind.
    public func findingScans() throws(StoreError) -> [String: [Finding.Kind: Date]] {
        try read("read finding scans") { db in
            var out: [String: [Finding.Kind: Date]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT repository, kind, scanned_at FROM finding_scans") {
                guard let kind = Finding.Kind(rawValue: row["kind"]) else { continue }
                out[row["repository"], default: [:]][kind] = Date(storeSeconds: row["scanned_at"])
            }
            return out
        }
    }

    private static func storedFinding(_ row: Row) -> StoredFinding? {
        guard let kind = Finding.Kind(rawValue: row["kind"]), let severity = Finding.Severity(rawValue: row["severity"]),
              let state = StoredFinding.State(rawValue: row["state"]) else { return nil }
        let finding = Finding(ruleID: row["rule_id"], severity: severity, file: row["file"], line: row["line"],
                              fingerprint: row["fingerprint"], detail: row["detail"])
        return StoredFinding(id: row["id"], repository: row["repository"], kind: kind, finding: finding,
                             firstSeen: Date(storeSeconds: row["first_seen"]), lastSeen: Date(storeSeconds: row["last_seen"]), state: state)
    }
}
