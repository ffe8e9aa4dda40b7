import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinityTestSupport
import OrchestrationEngine
import SecurityCompliance
import Testing

@Suite("GitHub alerts merged into findings", .serialized)
struct GitHubAlertsTests {
    @Test("alerts become findings with source, severity, location and advisory ids; fixed when closed; the secret value goes nowhere")
    func mappedRecordedAndSecretNeverKept() async throws {
        let fixture = try await GitHubFixture.start(repositories: 6)
        defer { Task { await fixture.stop() } }
        let secret = "ghp_" + "ALERTCANARY" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let secretNumber = fixture.server.addSecretScanningAlert("acme/repo-0001", GitHubTestSecretAlert(
            secretType: "github_personal_access_token", displayName: "GitHub Personal Access Token", secret: secret,
            path: "/config/app.env", line: 3, validity: "active"))
        let codeNumber = fixture.server.addCodeScanningAlert("acme/repo-0001", GitHubTestCodeScanningAlert(
            ruleID: "js/sql-injection", severity: "error", securitySeverity: "critical", path: "src/db.js", line: 42,
            message: "SQL built from user input"))
        let run = GitHubAlertsRun(fixture: fixture)
        _ = try await run.discover()
        let (result, context) = try await run.pass()

        let repo1 = try #require(result.results.first { $0.repository == "repo-0001" })
        let secretAlert = try #require(repo1.hostAlerts.first { $0.source == "github-secret-scanning" })
        #expect(secretAlert.kind == .secret && secretAlert.severity == .critical && secretAlert.number == secretNumber)
        #expect(secretAlert.file == "config/app.env" && secretAlert.line == 3 && secretAlert.ruleID == "github_personal_access_token")
        let code = try #require(repo1.hostAlerts.first { $0.source == "github-code-scanning" })
        #expect(code.kind == .sarif && code.severity == .critical && code.file == "src/db.js" && code.line == 42 && code.tool == "CodeQL")
        let repo0 = try #require(result.results.first { $0.repository == "repo-0000" })
        // index 0 of the synthetic data: 2 code-scanning, 1 secret-scanning, 3 Dependabot alerts.
        let dependabot = repo0.hostAlerts.filter { $0.source == "github-dependabot" }
        #expect(dependabot.count == 3)
        #expect(dependabot.allSatisfy { $0.kind == .vulnerability && $0.severity == .high && $0.file == "package-lock.json" })
        #expect(dependabot.allSatisfy { a in a.advisoryIDs.first == a.ruleID && a.ruleID.hasPrefix("GHSA-") && a.advisoryIDs.contains { $0.hasPrefix("CVE-") } })
        #expect(dependabot.first { $0.number == 1 }?.fixedVersion == "1.2.1")
        #expect(repo0.hostAlerts.filter { $0.source == "github-code-scanning" }.map(\.severity).sorted() == [.medium, .high])

        // Recorded like our own findings; the health checks read these counts and scan rows.
        let store = try context.openStore()
        let counts = try store.openFindingCounts()
        #expect(counts["repo-0000"]?.total(.vulnerability) == 3)
        #expect(counts["repo-0000"]?.total(.sarif) == 2)
        #expect(counts["repo-0001"]?.count(.secret, .critical) == 1)
        #expect(try store.findingScans()["repo-0001"]?[.secret] != nil)
        let firstSummary = try #require(result.summaries.first { $0.repository == "repo-0001" })
        #expect(firstSummary.new.contains { $0.source == "github-secret-scanning" && $0.location == "config/app.env:3" })

        // The org-wide report and every output name the alerts, never the secret.
        let report = SecurityReport(runID: "run", generatedAt: Date(), repositories: result.summaries)
        _ = try context.writeSecurityReport(report)
        #expect(report.markdown().contains("(github-secret-scanning)"))
        let output = SecurityScanOutput(results: result.results, toolVersion: "test")
        let rendered = try [output.render(.text), output.render(.json), output.render(.sarif)].map { String(decoding: $0, as: UTF8.self) }
        #expect(rendered[0].contains("github-code-scanning #\(codeNumber) js/sql-injection"))
        let lines = SecurityText.stageLines(result, report: report, reportPath: "r.md", limit: 100)
        for text in rendered + lines + fixture.logs.all + result.diagnostics.map(\.description) {
            #expect(!text.contains(secret), "secret leaked in: \(text.prefix(200))")
        }
        let persisted = run.persistedBytes(context)
        #expect(persisted.count >= 3)
        for (path, bytes) in persisted {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "secret found in \(path)")
            #expect(bytes.range(of: Data("SYNTHETICLEAKEDVALUE".utf8)) == nil, "synthetic secret found in \(path)")
        }
        #expect(try store.httpCacheCount() > 0)

        // Closed on GitHub: fixed here; the others stay open.
        fixture.server.closeAlert("acme/repo-0001", .codeScanning, number: codeNumber)
        let (second, _) = try await run.pass(runID: "run-2")
        let summary = try #require(second.summaries.first { $0.repository == "repo-0001" })
        #expect(summary.fixed.map(\.ruleID) == ["js/sql-injection"])
        #expect(summary.fixed.first?.source == "github-code-scanning")
        #expect(summary.new.isEmpty)
        #expect(try store.openFindingCounts()["repo-0001"]?.count(.secret, .critical) == 1)
    }

    @Test("a feature that is off is one aggregated note per source, never an error; the other repositories go on")
    func refusalsAreNotes() async throws {
        let fixture = try await GitHubFixture.start(repositories: 8)
        defer { Task { await fixture.stop() } }
        let server = fixture.server
        server.setOrganizationAlertsForbidden(true)
        server.setAlertFeature("acme/repo-0001", .codeScanning, .disabled)
        server.setAlertFeature("acme/repo-0002", .codeScanning, .noAnalysis)
        server.setAlertFeature("acme/repo-0003", .secretScanning, .disabled)
        server.setAlertFeature("acme/repo-0006", .secretScanning, .disabled)  // repo-0005 is archived: not in the manifest
        server.setAlertFeature("acme/repo-0004", .dependabot, .disabled)
        let run = GitHubAlertsRun(fixture: fixture)
        let manifest = try await run.discover()
        let (result, _) = try await run.pass(secrets: false, dependencies: false)
        let diagnostics = result.diagnostics
        let total = manifest.repositories.count
        #expect(!diagnostics.contains { $0.severity == .error })
        #expect(result.results.allSatisfy { $0.error == nil })
        let secretNotes = diagnostics.filter { $0.message.contains("secret scanning is not enabled") }
        #expect(secretNotes.count == 1 && secretNotes.first?.message.contains("2 of \(total)") == true)
        #expect(secretNotes.first?.severity == .note)
        #expect(diagnostics.filter { $0.message.contains("code scanning is not enabled") }.count == 1)
        #expect(diagnostics.filter { $0.message.contains("Dependabot alerts are not enabled on 1 of") }.count == 1)
        #expect(diagnostics.filter { $0.message.contains("no analysis yet on 1 repository") }.count == 1)
        #expect(diagnostics.filter { $0.message.contains("organization-level") }.count == 3)
        #expect(diagnostics.count == 7)
        // The server answered with GitHub's refusals, and the pass carried on past them.
        #expect(server.requests.contains { $0.path.hasSuffix("repo-0001/code-scanning/alerts") && $0.status == 403 })
        #expect(server.requests.contains { $0.path.hasSuffix("repo-0003/secret-scanning/alerts") && $0.status == 404 })
        let repo0 = try #require(result.results.first { $0.repository == "repo-0000" })
        #expect(repo0.hostAlerts.count == 6)
        #expect(repo0.hostAlertSources.count == 3)
        let repo1 = try #require(result.results.first { $0.repository == "repo-0001" })
        #expect(!repo1.hostAlertSources.contains("github-code-scanning"))
        #expect(repo1.hostAlertProblems.contains { $0.hasPrefix("github-code-scanning: not enabled") })
        #expect(result.results.first { $0.repository == "repo-0002" }?.hostAlertSources.contains("github-code-scanning") == true)
    }

    @Test("organization listings: a few paginated calls; an unchanged re-run costs no primary quota, per repository too")
    func conditionalReruns() async throws {
        let fixture = try await GitHubFixture.start(repositories: 250)
        defer { Task { await fixture.stop() } }
        let server = fixture.server
        let run = GitHubAlertsRun(fixture: fixture)
        let manifest = try await run.discover()
        let expected = manifest.repositories.reduce(0) { sum, repo in
            let i = Int(repo.name.suffix(4)) ?? -1
            return sum + (i % 4 == 0 ? 2 : 0) + (i % 15 == 0 ? 1 : 0) + (i % 6 == 0 ? 3 : 0)
        }

        server.resetRecordings()
        let (first, _) = try await run.pass(secrets: false, dependencies: false)
        #expect(first.results.reduce(0) { $0 + $1.hostAlerts.count } == expected)
        // code scanning 2 pages, secret scanning 1, Dependabot 2 (cursor `after`).
        #expect(server.requests.count == 5)
        #expect(server.requests.allSatisfy { $0.path.hasPrefix("/api/v3/orgs/acme/") })
        #expect(server.requests.contains { $0.path.hasSuffix("/dependabot/alerts") && $0.query.contains("after=") })
        #expect(server.requests.filter { $0.path.hasSuffix("/secret-scanning/alerts") }.allSatisfy { $0.query.contains("hide_secret=true") })

        server.resetRecordings()
        let (again, _) = try await run.pass(secrets: false, dependencies: false)
        #expect(again.results.reduce(0) { $0 + $1.hostAlerts.count } == expected)
        #expect(server.requests.count == 5)
        #expect(fixture.chargedRequests == 0)
        #expect(server.notModifiedCount == 5)

        // Not an owner or security manager: per repository, 3 lists each; the re-run is all 304.
        server.setOrganizationAlertsForbidden(true)
        server.setAlertFeature("acme/repo-0001", .secretScanning, .disabled)
        server.resetRecordings()
        let (perRepository, _) = try await run.pass(secrets: false, dependencies: false)
        #expect(perRepository.results.reduce(0) { $0 + $1.hostAlerts.count } == expected)
        #expect(server.requests.count == 3 + 3 * manifest.repositories.count)
        server.resetRecordings()
        _ = try await run.pass(secrets: false, dependencies: false)
        #expect(server.requests.count == 3 * manifest.repositories.count - 1)  // org refusals and the disabled feature are remembered
        #expect(fixture.chargedRequests == 0)
    }

    @Test("a Dependabot alert for the package and advisory our OSV scan found is one finding with both sources")
    func dedupeWithOSV() async throws {
        let fixture = try await GitHubFixture.start(repositories: 3)
        defer { Task { await fixture.stop() } }
        let server = fixture.server
        server.commitFiles("acme/repo-0001", ["requirements.txt": Data("urllib3==1.26.4\n".utf8)])
        server.clearSyntheticAlerts("acme/repo-0001")
        let merged = server.addDependabotAlert("acme/repo-0001", GitHubTestDependabotAlert(
            ecosystem: "pip", package: "urllib3", manifestPath: "requirements.txt", ghsaID: "GHSA-q2q7-5pp4-w6pg",
            cveID: "CVE-2021-33503", severity: "high", vulnerableRange: ">= 1.25.4, < 1.26.5", patchedVersion: "1.26.5"))
        let separate = server.addDependabotAlert("acme/repo-0001", GitHubTestDependabotAlert(
            ecosystem: "npm", package: "left-pad", manifestPath: "web/package-lock.json", ghsaID: "GHSA-aaaa-bbbb-cccc",
            severity: "moderate", vulnerableRange: "< 2.0.0", patchedVersion: "2.0.0"))
        let osv = fixture.dir.url(".infinity/osv/PyPI")
        try FileManager.default.createDirectory(atPath: osv, withIntermediateDirectories: true)
        try Data(Self.urllib3Advisory.utf8).write(to: URL(fileURLWithPath: osv + "/GHSA-q2q7-5pp4-w6pg.json"))
        let run = GitHubAlertsRun(fixture: fixture)
        _ = try await run.discover()
        let (result, context) = try await run.pass()

        let repo = try #require(result.results.first { $0.repository == "repo-0001" })
        let ours = try #require(repo.dependencies.first)
        #expect(repo.dependencies.count == 1 && ours.package == "urllib3")
        #expect(repo.hostAlerts.first { $0.number == merged }?.mergedInto == [ours.fingerprint])
        #expect(repo.hostAlerts.first { $0.number == separate }?.mergedInto == [])
        #expect(repo.hostAlerts.first { $0.number == separate }?.severity == .medium)
        let store = try context.openStore()
        let vulnerabilities = try store.openFindings(repository: "repo-0001").filter { $0.kind == .vulnerability }
        #expect(Set(vulnerabilities.map(\.finding.fingerprint)) == [ours.fingerprint, "github-dependabot:\(separate)"])
        let detail = try #require(vulnerabilities.first { $0.finding.fingerprint == ours.fingerprint }?.finding.detail)
        #expect(detail.contains("\"also_reported_by\"") && detail.contains("\"source\":\"github-dependabot\""))
        let text = String(decoding: try SecurityScanOutput(results: result.results, toolVersion: "t").render(.text), as: UTF8.self)
        #expect(text.contains("(also github-dependabot #\(merged))"))
        #expect(text.contains("github-dependabot #\(separate) GHSA-aaaa-bbbb-cccc left-pad"))

        // Per repository, a source that could not be listed leaves its earlier alerts alone (the
        // organization-level listing cannot tell "turned off" from "fixed"); a closed alert is fixed.
        server.setOrganizationAlertsForbidden(true)
        server.setAlertFeature("acme/repo-0000", .secretScanning, .disabled)
        server.closeAlert("acme/repo-0001", .dependabot, number: separate)
        let (second, _) = try await run.pass(runID: "run-2")
        let summary = try #require(second.summaries.first { $0.repository == "repo-0001" })
        #expect(summary.fixed.map(\.ruleID) == ["GHSA-aaaa-bbbb-cccc"])
        #expect(try store.openFindings(repository: "repo-0001").filter { $0.kind == .vulnerability }.map(\.finding.fingerprint) == [ours.fingerprint])
        #expect(try store.openFindings(repository: "repo-0000").contains { $0.finding.fingerprint == "github-secret-scanning:1" })
        #expect(second.summaries.first { $0.repository == "repo-0000" }?.fixed.isEmpty == true)
    }

    static let urllib3Advisory = """
        {"schema_version": "1.6.0", "id": "GHSA-q2q7-5pp4-w6pg", "modified": "2024-01-01T00:00:00Z",
         "aliases": ["CVE-2021-33503"], "summary": "Catastrophic backtracking in urllib3's URL authority parser",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "urllib3"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.25.4"}, {"fixed": "1.26.5"}]}]}]}
        """
}
