import CodeHosts
import Foundation
@testable import HealthMonitor
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing

@Suite("Health pass")
struct HealthPassTests {
    @Test("a pass scores each repository, writes the manifest, the history and the run's results")
    func passRecordsEverywhere() async throws {
        let f = try HealthFixture()
        let good = try await f.repository("good", files: HealthFixture.healthyFiles)
        let bare = try await f.repository("bare", files: ["main.c": "int main(void){return 0;}\n"])
        try f.writeManifest([good, bare])
        let run = try f.store.beginRun(workflow: "health", trigger: "test", at: f.clock.now)

        let result = try await f.monitor().run(manifestPath: f.manifestPath, options: HealthPassOptions(runID: run.id))

        let byName = Dictionary(uniqueKeysWithValues: result.reports.map { ($0.repository, $0) })
        #expect(byName["good"]?.status == .healthy)
        #expect(byName["good"]?.score == 100)
        let poor = try #require(byName["bare"])
        #expect(poor.status == .unhealthy)
        #expect(Set(poor.failingChecks) == ["readme", "license", "security-policy", "codeowners", "gitignore", "dependency-updates", "ci-workflows"])
        #expect(poor.check("build")?.outcome == .notApplicable)
        #expect(poor.check("secrets")?.outcome == .notApplicable)

        let manifest = try f.readManifest()
        #expect(manifest.repository(named: "good")?.health.status == .healthy)
        #expect(manifest.repository(named: "bare")?.health.failingChecks.contains("license") == true)
        #expect(manifest.repository(named: "bare")?.health.checkedAt == f.clock.now)
        #expect(try f.store.healthHistory(repository: "bare").count == 1)
        let rows = try f.store.results(runID: run.id, stage: "health")
        #expect(Set(rows.map(\.repository)) == ["good", "bare"])
        #expect(rows.first { $0.repository == "bare" }?.status == "unhealthy")
    }

    @Test("the second pass takes content checks from the per-head cache and recomputes when the head moves")
    func cachePerHead() async throws {
        let f = try HealthFixture()
        var repo = try await f.repository("app", files: HealthFixture.healthyFiles)
        try f.writeManifest([repo])
        let first = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(first.cacheHits == 0)
        let second = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(second.cacheHits == 1)
        #expect(second.reports[0].checks == first.reports[0].checks)

        repo = try await f.commit(repo, files: ["tool.jar": "PK fake jar"], date: HealthFixture.commitDate + 10)
        try f.writeManifest([repo])
        let third = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(third.cacheHits == 0)
        #expect(third.reports[0].check("binary-artifacts")?.outcome == .fail)
        #expect(third.reports[0].check("binary-artifacts")?.evidence.contains("tool.jar") == true)
    }

    @Test("a failed build makes the repository unhealthy, flags the fall and asks for healing once per failed build")
    func failedBuildTriggersHealingOnce() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("svc", files: HealthFixture.healthyFiles)
        try f.writeManifest([repo])
        _ = try f.recordBuild("svc", status: "succeeded", head: repo.headSHA, at: f.clock.now.addingTimeInterval(-3600))
        let before = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(before.reports[0].status == .healthy)
        #expect(before.reports[0].check("build")?.outcome == .pass)
        #expect(before.reports[0].check("build-age")?.outcome == .pass)

        f.clock.advance(by: 600)
        let failedRun = try f.recordBuild("svc", status: "failed", head: repo.headSHA, failedStep: "test", exitCode: 1)
        let after = try await f.monitor().run(manifestPath: f.manifestPath)
        let report = after.reports[0]
        #expect(report.status == .unhealthy)
        #expect(report.scoreFell)
        #expect(report.previousScore == before.reports[0].score)
        #expect(report.check("build")?.evidence.contains("step `test`") == true)
        #expect(report.check("build-age")?.outcome == .pass)
        #expect(after.healing.map(\.outcome) == [.requested])

        let pending = try f.store.pendingHealingRequests(repository: "svc")
        #expect(pending.count == 1)
        #expect(pending[0].reason == "build-failed")
        #expect(pending[0].detail?.contains(failedRun) == true)
        #expect(pending[0].detail?.contains("\"failed_step\":\"test\"") == true)

        // Another pass over the same failure adds nothing; once handled, the same failure is not requested again.
        let again = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(again.healing.map(\.outcome) == [.alreadyOpen])
        #expect(try f.store.markHealingRequest(id: pending[0].id, .done, from: .pending))
        let afterDone = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(afterDone.healing.map(\.outcome) == [.alreadyHandled])
        #expect(try f.store.pendingHealingRequests().isEmpty)

        // A new failed build is a new cause.
        f.clock.advance(by: 600)
        _ = try f.recordBuild("svc", status: "failed", head: repo.headSHA, failedStep: "build", exitCode: 2)
        let newFailure = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(newFailure.healing.map(\.outcome) == [.requested])
        #expect(try f.store.pendingHealingRequests().count == 1)
    }

    @Test("no build yet leaves the build checks not applicable; an old success warns")
    func buildAge() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("lib", files: HealthFixture.healthyFiles)
        try f.writeManifest([repo])
        let none = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(none.reports[0].check("build")?.outcome == .notApplicable)
        #expect(none.reports[0].check("build-age")?.outcome == .notApplicable)
        _ = try f.recordBuild("lib", status: "succeeded", head: repo.headSHA, at: f.clock.now.addingTimeInterval(-10 * 86_400))
        let old = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(old.reports[0].check("build")?.outcome == .pass)
        #expect(old.reports[0].check("build-age")?.outcome == .warn)
    }

    @Test("open secret findings fail a critical check; vulnerabilities by severity")
    func findingsFromStore() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("cfg", files: HealthFixture.healthyFiles)
        try f.writeManifest([repo])
        try f.store.upsertFindings(repository: "cfg", kind: .vulnerability, findings: [
            Finding(ruleID: "GHSA-x", severity: .medium, file: "requirements.txt", line: 1, fingerprint: "v1"),
        ], at: f.clock.now)
        let clean = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(clean.reports[0].check("secrets")?.outcome == .notApplicable)
        #expect(clean.reports[0].check("vulnerabilities")?.outcome == .warn)

        try f.store.upsertFindings(repository: "cfg", kind: .secret, findings: [
            Finding(ruleID: "aws-access-key", severity: .critical, file: "config/settings.env", line: 3, fingerprint: "s1"),
        ], at: f.clock.now)
        let leaked = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(leaked.reports[0].check("secrets")?.outcome == .fail)
        #expect(leaked.reports[0].status == .unhealthy)
        #expect(leaked.healing.isEmpty)

        try f.store.upsertFindings(repository: "cfg", kind: .secret, findings: [], at: f.clock.now)
        let fixed = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(fixed.reports[0].check("secrets")?.outcome == .pass)
    }

    @Test("a stale repository fails activity; thresholds and weights come from the configuration")
    func configurationApplies() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("old", files: HealthFixture.healthyFiles)
        try f.writeManifest([repo])
        f.clock.advance(by: 400 * 86_400)
        let stale = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(stale.reports[0].check("activity")?.outcome == .fail)
        // 10 of 59 weight fails: 83 → still healthy at the default threshold.
        #expect(stale.reports[0].score == 83)
        #expect(stale.reports[0].status == .healthy)

        var config = f.configuration
        config.health.healthyThreshold = 90
        config.health.checks["activity"] = CheckSettings(weight: 40)
        config.health.checks["readme"] = CheckSettings(enabled: false)
        let strict = try await f.monitor(configuration: config).run(manifestPath: f.manifestPath, options: HealthPassOptions(dryRun: true))
        #expect(strict.reports[0].check("readme") == nil)
        #expect(strict.reports[0].check("activity")?.weight == 40)
        // 46 of 86 weight earned.
        #expect(strict.reports[0].score == 53)
        #expect(strict.reports[0].status == .degraded)

        config.health.minChecks = 30
        let unknown = try await f.monitor(configuration: config).run(manifestPath: f.manifestPath, options: HealthPassOptions(dryRun: true))
        #expect(unknown.reports[0].status == .unknown)
        #expect(unknown.reports[0].score == nil)
    }

    @Test("a dry run writes nothing: no manifest change, no history, no alerts, no healing")
    func dryRunWritesNothing() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("bad", files: ["x.txt": "x\n"])
        try f.writeManifest([repo])
        _ = try f.recordBuild("bad", status: "failed", head: repo.headSHA, failedStep: "build", exitCode: 1)
        let before = try Data(contentsOf: URL(fileURLWithPath: f.manifestPath))
        let result = try await f.monitor().run(manifestPath: f.manifestPath, options: HealthPassOptions(dryRun: true))
        #expect(result.reports[0].status == .unhealthy)
        #expect(result.alerts.map(\.kind) == [.open])
        #expect(result.alerts.map(\.outcome) == [.planned])
        #expect(result.healing.map(\.outcome) == [.planned])
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.manifestPath)) == before)
        #expect(try f.store.healthHistory(repository: "bad").isEmpty)
        #expect(f.alertFiles().isEmpty)
        #expect(try f.store.pendingHealingRequests().isEmpty)
        #expect(try f.store.audit(actionPrefix: "alert.").isEmpty)
    }

    @Test("an unknown --repo name or a missing manifest stops the pass with a typed error")
    func badInputErrors() async throws {
        let f = try HealthFixture()
        let repo = try await f.repository("greeter", files: HealthFixture.healthyFiles)
        let missing = await #expect(throws: HealthError.self) { try await f.monitor().run(manifestPath: f.manifestPath) }
        #expect(missing?.code == .manifestMissing)
        try f.writeManifest([repo])
        let unknown = await #expect(throws: HealthError.self) {
            try await f.monitor().run(manifestPath: f.manifestPath, options: HealthPassOptions(repositories: ["greter"]))
        }
        #expect(unknown?.code == .unknownRepository)
        #expect(unknown?.remedy.contains("greeter") == true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: f.manifestPath))
        let corrupt = await #expect(throws: HealthError.self) { try await f.monitor().run(manifestPath: f.manifestPath) }
        #expect(corrupt?.code == .manifestUnreadable)
    }

    @Test("a repository whose objects cannot be read gets not-applicable content checks and the pass goes on")
    func unreadableRepository() async throws {
        let f = try HealthFixture()
        let good = try await f.repository("good", files: HealthFixture.healthyFiles)
        var broken = try await f.repository("broken", files: HealthFixture.healthyFiles)
        broken.headSHA = String(repeating: "0", count: 40)
        try f.writeManifest([good, broken])
        let result = try await f.monitor().run(manifestPath: f.manifestPath)
        let b = try #require(result.reports.first { $0.repository == "broken" })
        #expect(b.check("readme")?.outcome == .notApplicable)
        #expect(b.check("readme")?.evidence.contains("cannot read") == true)
        #expect(b.status == .unknown)
        #expect(result.reports.first { $0.repository == "good" }?.status == .healthy)
        #expect(result.diagnostics.contains { $0.repository == "broken" })
    }

    @Test("unknown check ids in the configuration are reported with the nearest id")
    func unknownCheckIDs() async throws {
        let f = try HealthFixture()
        try f.writeManifest([try await f.repository("a", files: HealthFixture.healthyFiles)])
        var config = f.configuration
        config.health.checks["codeowner"] = CheckSettings(enabled: false)
        let result = try await f.monitor(configuration: config).run(manifestPath: f.manifestPath, options: HealthPassOptions(dryRun: true))
        #expect(result.diagnostics.contains { $0.message.contains("`codeowner`") && $0.remedy?.contains("codeowners") == true })
    }
}
