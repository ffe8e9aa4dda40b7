import Foundation
import HealthMonitor
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing

/// Where `promtool` is, if installed (Debian package `prometheus`).
let promtoolPath: String? = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("Metrics")
struct MetricsTests {
    /// A store after one pass over a healthy and an unhealthy repository, with builds, findings and a healing request.
    func populated() async throws -> HealthFixture {
        let f = try HealthFixture()
        let good = try await f.repository("good", files: HealthFixture.healthyFiles)
        let bad = try await f.repository("bad \"quoted\"", files: ["x.txt": "x\n"])
        try f.writeManifest([good, bad])
        _ = try f.recordBuild("good", status: "succeeded", head: good.headSHA, duration: 42)
        _ = try f.recordBuild("bad \"quoted\"", status: "failed", head: bad.headSHA, duration: 3, failedStep: "test", exitCode: 1)
        try f.store.upsertFindings(repository: "good", kind: .vulnerability, findings: [
            Finding(ruleID: "GHSA-1", severity: .high, fingerprint: "a"),
        ], at: f.clock.now)
        _ = try await f.monitor().run(manifestPath: f.manifestPath)
        try f.store.appendAudit(AuditEntry(at: f.clock.now, action: "heal.retry", target: "bad \"quoted\"", outcome: "ok"))
        return f
    }

    @Test("the exposition has help and type lines and values computed from the store")
    func exposition() async throws {
        let f = try await populated()
        let text = try MetricsExporter(store: f.store, manifestPath: f.manifestPath).render()
        for metric in MetricCatalog.all where metric.name != MetricCatalog.passDuration.name {
            #expect(text.contains("# HELP \(metric.name) "), "\(metric.name)")
            #expect(text.contains("# TYPE \(metric.name) \(metric.kind.rawValue)"), "\(metric.name)")
        }
        // 84 of 94 weight: the high advisory fails `vulnerabilities`.
        #expect(text.contains("infinity_repository_health_score{repository=\"good\"} 89.0"))
        #expect(text.contains("infinity_repository_health_status{repository=\"bad \\\"quoted\\\"\",status=\"unhealthy\"} 1.0"))
        #expect(text.contains("infinity_build_results_total{status=\"failed\"} 1"))
        #expect(text.contains("infinity_build_duration_seconds_count 2"))
        #expect(text.contains("infinity_build_duration_seconds_bucket{le=\"60.0\"} 2"))
        #expect(text.contains("infinity_build_duration_seconds_bucket{le=\"30.0\"} 1"))
        #expect(text.contains("infinity_healing_requests{state=\"pending\"} 1.0"))
        #expect(text.contains("infinity_healing_actions_total{action=\"heal.retry\",outcome=\"ok\"} 1"))
        #expect(text.contains("infinity_open_findings{kind=\"vulnerability\",severity=\"high\"} 1.0"))
        #expect(text.contains("infinity_alerts_open 1.0"))
        #expect(text.contains("infinity_health_check_failing_repositories{check=\"build\"} 1.0"))
    }

    @Test("repositories no longer in the manifest are left out")
    func followsManifest() async throws {
        let f = try await populated()
        let manifest = try f.readManifest()
        try f.writeManifest(manifest.repositories.filter { $0.name == "good" })
        let text = try MetricsExporter(store: f.store, manifestPath: f.manifestPath).render()
        #expect(!text.contains("quoted"))
        #expect(text.contains("infinity_repositories{status=\"healthy\"} 1.0"))
    }

    @Test("promtool check metrics accepts the output", .enabled(if: promtoolPath != nil, "promtool is not installed (apt-get install -y prometheus); skipped"))
    func promtoolAccepts() async throws {
        let f = try await populated()
        let text = try MetricsExporter(store: f.store, manifestPath: f.manifestPath).render()
        let (status, said) = try await ExternalProgram.run(try #require(promtoolPath), ["check", "metrics"], stdin: Data(text.utf8))
        #expect(status == 0, "promtool: \(said)")
        #expect(said.isEmpty, "promtool: \(said)")
    }
}
