import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import SecurityCompliance

extension OrchestrationCycle {
    /// Security as a stage: scans every repository of the manifest at its head for secrets
    /// and vulnerable dependencies, records findings (so health sees them), and writes the
    /// org-wide summary under `<state>/reports/`. Findings do not fail the stage; only a
    /// pass that cannot run does.
    func securityStage(store: StateStore, runID: String) async -> StageReport {
        let settings = context.configuration.security
        let alertsOn = settings.githubAlertsEnabled(for: context.configuration.provider)
        guard settings.secrets || settings.dependencies || alertsOn else {
            return StageReport(name: "security", status: .skipped, lines: ["security is disabled (security.secrets and security.dependencies are false)"])
        }
        do {
            let scanner = try context.makeSecurityScanner(SecurityScanRequest(secrets: settings.secrets, dependencies: settings.dependencies))
            let manifest = try ManifestCoding.decode(context.fileSystem.readFile(context.manifestPath), file: context.manifestPath)
            // GitHub's alerts follow the kinds scanned; with both of ours off, all three sources.
            let both = settings.secrets == settings.dependencies
            let pass = SecurityPass(host: try context.makeCodeHost(), scanner: scanner, store: store, clock: context.clock,
                                    maxParallel: max(1, context.configuration.build.maxParallel),
                                    sources: try context.makeRepositorySources(), logger: context.logger,
                                    alerts: try context.makeSecurityAlertSource(),
                                    alertSources: OrchestratorContext.alertSources(secrets: settings.secrets || both, dependencies: settings.dependencies || both))
            let result = await pass.run(manifest.repositories, runID: runID)
            let report = SecurityReport(runID: runID, generatedAt: context.clock.now(), repositories: result.summaries)
            let written = try context.writeSecurityReport(report)
            return StageReport(name: "security", status: .succeeded, lines: SecurityText.stageLines(result, report: report, reportPath: written.markdown),
                               diagnostics: result.diagnostics)
        } catch {
            return StageReport(name: "security", status: .failed, lines: ["security failed: \(error)"],
                               diagnostics: [Diagnostic(.error, "\(error)")])
        }
    }
}

/// Human lines for security results (redacted values only).
public enum SecurityText {
    /// The stage summary: totals, then each finding (at most `limit`).
    public static func stageLines(_ result: SecurityPassResult, report: SecurityReport, reportPath: String, limit: Int = 15) -> [String] {
        let secrets = result.results.reduce(0) { $0 + $1.secrets.count }
        let deps = result.results.reduce(0) { $0 + $1.dependencies.count }
        let alerts = result.results.reduce(0) { $0 + $1.hostAlerts.count }
        let merged = alerts - result.results.reduce(0) { $0 + $1.separateHostAlerts.count }
        let t = report.totals
        var lines = ["\(result.results.count) repositories scanned: \(secrets) secret(s), \(deps) vulnerable dependenc\(deps == 1 ? "y" : "ies")"
            + (alerts > 0 ? ", \(alerts) GitHub alert(s) (\(merged) the same as ours)" : "") + "; \(t.new) new, \(t.fixed) fixed"]
        let all = findingLines(result.results)
        for line in all.prefix(limit) { lines.append("  " + line) }
        if all.count > limit { lines.append("  … and \(all.count - limit) more (`infinity scan`)") }
        lines.append("report: \(reportPath)")
        return lines
    }

    /// One line per finding: `repo: file:line severity rule redacted` / `repo: file pkg version advisory → fixed`.
    public static func findingLines(_ results: [RepositoryScanResult]) -> [String] {
        var lines: [String] = []
        for r in results {
            let name = DisplayName.quote(r.repository)
            for s in r.secrets {
                lines.append("\(name): \(DisplayName.quote(s.file)):\(s.line) \(s.severity.rawValue) \(s.ruleID) \(s.redacted)"
                    + (s.commit.map { " (history, \($0.prefix(12)))" } ?? ""))
            }
            for d in r.dependencies {
                lines.append("\(name): \(DisplayName.quote(d.file))\(d.line.map { ":\($0)" } ?? "") \(d.severity.rawValue) \(d.package) \(d.installedVersion) \(d.advisoryID)"
                    + (d.aliases.isEmpty ? "" : " (\(d.aliases.joined(separator: ", ")))")
                    + " → \(d.fixedVersion ?? "no fix known")")
            }
            for h in r.separateHostAlerts {
                let location = (h.file.map(DisplayName.quote) ?? "-") + (h.line.map { ":\($0)" } ?? "")
                lines.append("\(name): \(location) \(h.severity.rawValue) \(h.summaryLine)")
            }
            if let e = r.error { lines.append("\(name): not scanned: \(e)") }
        }
        return lines
    }
}
