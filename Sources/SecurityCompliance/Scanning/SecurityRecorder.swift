import Foundation
import InfinityModel
import InfinityStore

/// What changed for one repository in one scan, as the org-wide summary shows it.
public struct RepositorySecuritySummary: Sendable, Hashable, Codable {
    /// One finding as a summary line names it (never a secret: redacted values only).
    public struct Item: Sendable, Hashable, Codable {
        public var kind: String
        public var ruleID: String
        public var severity: String
        public var location: String
        /// `github-dependabot` … for a host alert; nil for our own findings.
        public var source: String?

        enum CodingKeys: String, CodingKey {
            case kind
            case ruleID = "rule_id"
            case severity, location, source
        }
    }

    public var repository: String
    public var commit: String?
    /// Open findings by kind (`secret`, `vulnerability`, `sarif`) and severity.
    public var open: [String: [String: Int]]
    /// Findings first seen in this scan.
    public var new: [Item]
    /// Findings open before this scan and not seen by it.
    public var fixed: [Item]
    /// Set when the repository could not be scanned.
    public var error: String?

    public init(repository: String, commit: String? = nil, open: [String: [String: Int]] = [:], new: [Item] = [],
                fixed: [Item] = [], error: String? = nil) {
        self.repository = repository
        self.commit = commit
        self.open = open
        self.new = new
        self.fixed = fixed
        self.error = error
    }

    /// Open findings at `severity`, every kind.
    public func openCount(_ severity: Finding.Severity) -> Int {
        open.values.reduce(0) { $0 + ($1[severity.rawValue] ?? 0) }
    }

    /// Open findings of every kind and severity.
    public var openTotal: Int { open.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

/// Writes scan results into the store: upserts the findings of each kind that was scanned
/// (so first-seen, last-seen and fixed are tracked and a `finding_scans` row tells clean
/// from unscanned), appends an audit entry, and tells what is new and what was fixed.
public struct SecurityRecorder: Sendable {
    public let store: StateStore

    public init(store: StateStore) { self.store = store }

    /// Records one repository's scan.
    public func record(_ result: RepositoryScanResult, at date: Date, runID: String?) throws(StoreError) -> RepositorySecuritySummary {
        let host = result.hostAlerts.isEmpty ? "" : ", \(result.separateHostAlerts.count) host alert(s) (\(result.hostAlerts.count - result.separateHostAlerts.count) merged)"
        var summary = try record(repository: result.repository, batches: result.findingBatches, at: date, runID: runID,
                                 outcome: result.error == nil ? "ok" : "failed",
                                 detail: "\(result.secrets.count) secret(s), \(result.dependencies.count) vulnerable dependenc\(result.dependencies.count == 1 ? "y" : "ies")"
                                    + host + (result.commit.map { " at \($0.prefix(12))" } ?? ""))
        summary.commit = result.commit
        summary.error = result.error
        return summary
    }

    /// Records findings imported from a SARIF file (kind `sarif`).
    public func recordSARIF(repository: String, findings: [SecurityFinding], source: String, at date: Date,
                            runID: String?) throws(StoreError) -> RepositorySecuritySummary {
        let stored = findings.map { f in
            Finding(ruleID: f.ruleId, severity: Finding.Severity(rawValue: f.severity) ?? .medium, file: f.file, line: f.startLine,
                    fingerprint: f.tool + ":" + f.fingerprint,
                    detail: RepositoryScanResult.json(SARIFDetail(tool: f.tool, message: f.message, source: source)))
        }
        // An import speaks only for the tools it contains (see `upsertFindings`).
        let tools = Set(stored.compactMap { $0.fingerprint.split(separator: ":", maxSplits: 1).first.map(String.init) })
        let batch = FindingBatch(kind: .sarif, findings: stored) { fingerprint in
            guard let tool = fingerprint.split(separator: ":", maxSplits: 1).first.map(String.init), fingerprint.contains(":") else { return true }
            return tools.contains(tool)
        }
        return try record(repository: repository, batches: [batch], at: date, runID: runID, outcome: "ok",
                          detail: "\(findings.count) result(s) imported from \(source)")
    }

    struct SARIFDetail: Encodable {
        var tool: String
        var message: String
        var source: String
    }

    private func record(repository: String, batches: [FindingBatch], at date: Date, runID: String?,
                        outcome: String, detail: String) throws(StoreError) -> RepositorySecuritySummary {
        let kinds = Set(batches.map(\.kind))
        let before = try store.findings(repository: repository, states: [.open, .accepted]).filter { kinds.contains($0.kind) }
        for batch in batches {
            try store.upsertFindings(repository: repository, kind: batch.kind, findings: batch.findings, at: date, speaksFor: batch.speaksFor)
        }
        let after = try store.findings(repository: repository, states: [.open, .accepted])
        let beforeKeys = Set(before.map { "\($0.kind.rawValue)/\($0.finding.fingerprint)" })
        let afterScanned = after.filter { kinds.contains($0.kind) }
        let afterKeys = Set(afterScanned.map { "\($0.kind.rawValue)/\($0.finding.fingerprint)" })
        var summary = RepositorySecuritySummary(repository: repository)
        for f in after where f.state == .open {
            summary.open[f.kind.rawValue, default: [:]][f.finding.severity.rawValue, default: 0] += 1
        }
        summary.new = afterScanned.filter { !beforeKeys.contains("\($0.kind.rawValue)/\($0.finding.fingerprint)") }.map(Self.item)
        summary.fixed = before.filter { !afterKeys.contains("\($0.kind.rawValue)/\($0.finding.fingerprint)") }.map(Self.item)
        try store.appendAudit(AuditEntry(at: date, runID: runID, action: "security.scan", target: repository, outcome: outcome,
                                         detail: detail + "; \(summary.new.count) new, \(summary.fixed.count) fixed"))
        return summary
    }

    static func item(_ f: StoredFinding) -> RepositorySecuritySummary.Item {
        let fingerprint = f.finding.fingerprint
        let source = fingerprint.hasPrefix(RepositoryScanResult.hostFingerprintPrefix) ? fingerprint.split(separator: ":").first.map(String.init) : nil
        return RepositorySecuritySummary.Item(kind: f.kind.rawValue, ruleID: f.finding.ruleID, severity: f.finding.severity.rawValue,
                                              location: (f.finding.file ?? "") + (f.finding.line.map { ":\($0)" } ?? ""), source: source)
    }
}
