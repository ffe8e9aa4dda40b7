import Foundation
import InfinityModel

/// How `infinity scan` prints its results.
public enum SecurityScanFormat: String, Sendable, CaseIterable {
    case text, json, sarif
}

/// One finding in the flat JSON output of `infinity scan` (`{"findings": [...]}`): secrets
/// carry the redacted value only; dependencies carry the advisory and the fixed version.
public struct ScanOutputFinding: Sendable, Hashable, Codable {
    public var kind: String
    public var repository: String
    public var file: String
    public var line: Int?
    public var column: Int?
    public var ruleID: String
    public var severity: String
    public var message: String
    public var fingerprint: String
    /// Secrets: the redacted value.
    public var redacted: String?
    /// Secrets found in history: the commit that added it.
    public var commit: String?
    public var ecosystem: String?
    public var package: String?
    public var installedVersion: String?
    public var fixedVersion: String?
    public var aliases: [String]?
    /// Host alerts: `github-code-scanning`, `github-secret-scanning` or `github-dependabot`; nil for ours.
    public var source: String?
    /// Host alerts: the alert's page.
    public var url: String?
    /// Our findings that a host alert reports too: `github-dependabot #3` ….
    public var alsoReportedBy: [String]?

    enum CodingKeys: String, CodingKey {
        case kind, repository, file, line, column
        case ruleID = "rule_id"
        case severity, message, fingerprint, redacted, commit, ecosystem, package
        case installedVersion = "installed_version"
        case fixedVersion = "fixed_version"
        case aliases, source, url
        case alsoReportedBy = "also_reported_by"
    }
}

/// Renders scan results as text, JSON or SARIF; every format holds redacted values only.
public struct SecurityScanOutput: Sendable {
    public var results: [RepositoryScanResult]
    public var toolVersion: String

    public init(results: [RepositoryScanResult], toolVersion: String) {
        self.results = results
        self.toolVersion = toolVersion
    }

    /// Every finding, flat: ours (noting host alerts that report the same thing), then the host
    /// alerts that are findings of their own.
    public var findings: [ScanOutputFinding] {
        results.flatMap { r in
            func also(_ fingerprint: String) -> [String]? {
                let names = r.hostAlerts.filter { $0.mergedInto.contains(fingerprint) }.map { "\($0.source) #\($0.number)" }
                return names.isEmpty ? nil : names
            }
            return r.secrets.map { s in
                ScanOutputFinding(kind: "secret", repository: r.repository, file: s.file, line: s.line, column: s.column,
                                  ruleID: s.ruleID, severity: s.severity.rawValue, message: s.description,
                                  fingerprint: s.fingerprint, redacted: s.redacted, commit: s.commit, alsoReportedBy: also(s.fingerprint))
            } + r.dependencies.map { d in
                ScanOutputFinding(kind: "vulnerability", repository: r.repository, file: d.file, line: d.line,
                                  ruleID: d.advisoryID, severity: d.severity.rawValue,
                                  message: RepositoryScanResult.dependencyMessage(d), fingerprint: d.fingerprint,
                                  ecosystem: d.ecosystem, package: d.package, installedVersion: d.installedVersion,
                                  fixedVersion: d.fixedVersion, aliases: d.aliases, alsoReportedBy: also(d.fingerprint))
            } + r.separateHostAlerts.map { h in
                ScanOutputFinding(kind: h.kind.rawValue, repository: r.repository, file: h.file ?? "", line: h.line,
                                  ruleID: h.ruleID, severity: h.severity.rawValue, message: h.summaryLine, fingerprint: h.fingerprint,
                                  ecosystem: h.ecosystem, package: h.package, fixedVersion: h.fixedVersion,
                                  aliases: h.advisoryIDs.isEmpty ? nil : h.advisoryIDs, source: h.source, url: h.url)
            }
        }
    }

    /// The most serious finding's severity over every repository.
    public var highestSeverity: FindingSeverity? { results.compactMap(\.highestSeverity).max() }

    /// Whether any finding is at or above `threshold`.
    public func fails(at threshold: FindingSeverity) -> Bool {
        highestSeverity.map { $0 >= threshold } ?? false
    }

    struct JSONDocument: Encodable {
        var findings: [ScanOutputFinding]
        var repositories: [Repo]
        struct Repo: Encodable {
            var repository: String
            var commit: String?
            var filesScanned: Int
            var packagesScanned: Int
            var suppressedByBaseline: Int
            var diagnostics: [String]
            var error: String?
            var hostAlertSources: [String]
            var hostAlertProblems: [String]
            enum CodingKeys: String, CodingKey {
                case repository, commit
                case filesScanned = "files_scanned"
                case packagesScanned = "packages_scanned"
                case suppressedByBaseline = "suppressed_by_baseline"
                case diagnostics, error
                case hostAlertSources = "host_alert_sources"
                case hostAlertProblems = "host_alert_problems"
            }
        }
    }

    /// The output in `format`.
    public func render(_ format: SecurityScanFormat) throws -> Data {
        switch format {
        case .text:
            return Data(text().utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let repos = results.map {
                JSONDocument.Repo(repository: $0.repository, commit: $0.commit, filesScanned: $0.filesScanned,
                                  packagesScanned: $0.packagesScanned, suppressedByBaseline: $0.suppressedByBaseline,
                                  diagnostics: $0.diagnostics, error: $0.error, hostAlertSources: $0.hostAlertSources,
                                  hostAlertProblems: $0.hostAlertProblems)
            }
            return try encoder.encode(JSONDocument(findings: findings, repositories: repos))
        case .sarif:
            return try sarif()
        }
    }

    /// One SARIF log: a run per tool and repository (categories `infinity/secrets/`, `infinity/deps/`).
    public func sarif() throws -> Data {
        let writer = SARIFWriter(configuration: .init(
            informationURI: "https://github.com/infinity-orchestrator/infinity",
            alwaysEmittedTools: [RepositoryScanResult.secretsTool, RepositoryScanResult.dependenciesTool], prettyPrinted: true))
        var runs: [SARIFRun] = []
        var template: SARIFLog?
        for r in results {
            for log in try writer.makeLogs(forRepository: r.repository, findings: r.securityFindings, toolVersion: toolVersion) {
                if template == nil { template = log }
                runs += log.runs
            }
        }
        guard var log = template else {
            return try writer.encode(try writer.makeLogs(forRepository: nil, findings: [], toolVersion: toolVersion).first
                                     ?? SARIFLog(runs: []))
        }
        log.runs = runs
        return try writer.encode(log)
    }

    /// Human lines: one per finding, then per-repository notes and a total.
    public func text() -> String {
        var lines: [String] = []
        for f in findings {
            let location = f.file + (f.line.map { ":\($0)" } ?? "")
            let also = f.alsoReportedBy.map { " (also \($0.joined(separator: ", ")))" } ?? ""
            if f.source != nil {
                lines.append("\(f.repository): \(location.isEmpty ? "-" : location) \(f.severity) \(f.message)")
            } else if f.kind == "secret" {
                lines.append("\(f.repository): \(location) \(f.severity) \(f.ruleID) \(f.redacted ?? "")"
                    + (f.commit.map { " (history, \($0.prefix(12)))" } ?? "") + also)
            } else {
                lines.append("\(f.repository): \(location) \(f.severity) \(f.message)" + also)
            }
        }
        for r in results {
            for d in r.diagnostics { lines.append("\(r.repository): note: \(d)") }
            if let e = r.error { lines.append("\(r.repository): error: \(e)") }
        }
        let secrets = results.reduce(0) { $0 + $1.secrets.count }
        let deps = results.reduce(0) { $0 + $1.dependencies.count }
        let suppressed = results.reduce(0) { $0 + $1.suppressedByBaseline }
        let hostAlerts = results.reduce(0) { $0 + $1.hostAlerts.count }
        let separate = results.reduce(0) { $0 + $1.separateHostAlerts.count }
        lines.append("\(results.count) scanned: \(secrets) secret(s), \(deps) vulnerable dependenc\(deps == 1 ? "y" : "ies")"
            + (hostAlerts > 0 ? ", \(hostAlerts) GitHub alert(s) (\(hostAlerts - separate) the same as ours)" : "")
            + (suppressed > 0 ? ", \(suppressed) suppressed by the baseline" : ""))
        return lines.joined(separator: "\n") + "\n"
    }
}
