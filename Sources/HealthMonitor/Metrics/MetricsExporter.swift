import CoreMetrics
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Metrics
import Prometheus

/// Computes the orchestrator's metrics from the state store and the manifest at the moment
/// it is asked, and renders them in the Prometheus text format: health scores and statuses
/// per repository, failing checks, build outcomes and durations, healing requests and
/// actions, open findings and alerts. `infinity metrics` prints this; the daemon's
/// `/metrics` serves the same text.
public struct MetricsExporter: Sendable {
    public var store: StateStore
    /// The manifest; when readable, only its repositories are reported.
    public var manifestPath: String?
    public var fileSystem: FileSystem
    /// Most recent build results that feed the duration histogram.
    public var buildSampleLimit: Int

    public init(store: StateStore, manifestPath: String?, fileSystem: FileSystem = .live, buildSampleLimit: Int = 10_000) {
        self.store = store
        self.manifestPath = manifestPath
        self.fileSystem = fileSystem
        self.buildSampleLimit = buildSampleLimit
    }

    /// The exposition text.
    public func render() throws(StoreError) -> String {
        let factory = DescribedPrometheusFactory()
        try record(into: factory)
        return factory.registry.emitToString()
    }

    /// Records every metric through swift-metrics into `factory`.
    public func record(into factory: any MetricsFactory) throws(StoreError) {
        // The newest history row per repository carries score, status and failing checks —
        // cheaper than decoding every full report.
        var reports = Array(try store.latestHealth().values).sorted { $0.repository < $1.repository }
        if let manifestPath, fileSystem.exists(manifestPath),
           let data = try? fileSystem.readFile(manifestPath), let manifest = try? ManifestCoding.decode(data, file: manifestPath) {
            let names = Set(manifest.repositories.map(\.name))
            reports = reports.filter { names.contains($0.repository) }
        }

        var perStatus: [HealthSummary.Status: Int] = [:]
        var perCheck: [String: Int] = [:]
        for r in reports {
            let repo = [("repository", r.repository)]
            if let score = r.score {
                Gauge(label: MetricCatalog.repositoryHealthScore.name, dimensions: repo, factory: factory).record(Double(score))
            }
            for status in HealthSummary.Status.allCases {
                Gauge(label: MetricCatalog.repositoryHealthStatus.name, dimensions: repo + [("status", status.rawValue)], factory: factory)
                    .record(status == r.status ? 1.0 : 0.0)
            }
            Gauge(label: MetricCatalog.repositoryFailingChecks.name, dimensions: repo, factory: factory).record(Double(r.failingChecks.count))
            perStatus[r.status, default: 0] += 1
            for id in r.failingChecks { perCheck[id, default: 0] += 1 }
        }
        for status in HealthSummary.Status.allCases {
            Gauge(label: MetricCatalog.repositories.name, dimensions: [("status", status.rawValue)], factory: factory)
                .record(Double(perStatus[status] ?? 0))
        }
        for id in HealthCheckCatalog.ids {
            Gauge(label: MetricCatalog.checkFailures.name, dimensions: [("check", id)], factory: factory).record(Double(perCheck[id] ?? 0))
        }
        if let newest = reports.map(\.checkedAt).max() {
            Gauge(label: MetricCatalog.lastPass.name, factory: factory).record(newest.timeIntervalSince1970)
        }

        for (status, n) in try store.resultCounts(stage: "build").sorted(by: { $0.key < $1.key }) {
            Counter(label: MetricCatalog.buildResults.name, dimensions: [("status", status)], factory: factory).increment(by: n)
        }
        let durations = Timer(label: MetricCatalog.buildDuration.name, factory: factory)
        for row in try store.resultDetails(stage: "build", limit: buildSampleLimit) {
            if let seconds = BuildResultDetail(json: row.detail).durationSeconds, seconds.isFinite, seconds >= 0 {
                durations.recordNanoseconds(Int64(min(seconds, 1e9) * 1e9))
            }
        }

        let requests = try store.healingRequestCounts()
        for state in HealingRequest.State.allCases {
            Gauge(label: MetricCatalog.healingRequests.name, dimensions: [("state", state.rawValue)], factory: factory)
                .record(Double(requests[state] ?? 0))
        }
        for row in try store.auditCounts(actionPrefix: "heal.") {
            Counter(label: MetricCatalog.healingActions.name, dimensions: [("action", row.action), ("outcome", row.outcome)], factory: factory)
                .increment(by: row.count)
        }

        var findings: [Finding.Kind: [Finding.Severity: Int]] = [:]
        for counts in try store.openFindingCounts().values {
            for (kind, bySeverity) in counts.counts {
                for (severity, n) in bySeverity { findings[kind, default: [:]][severity, default: 0] += n }
            }
        }
        for kind in Finding.Kind.allCases {
            for severity in Finding.Severity.allCases {
                Gauge(label: MetricCatalog.openFindings.name, dimensions: [("kind", kind.rawValue), ("severity", severity.rawValue)], factory: factory)
                    .record(Double(findings[kind]?[severity] ?? 0))
            }
        }
        let open = try store.alerts().values.filter { $0.state == .open }.count
        Gauge(label: MetricCatalog.openAlerts.name, factory: factory).record(Double(open))
    }
}

/// Metrics a pass records as it runs, for a long-lived process (the daemon) whose factory
/// accumulates them across passes.
enum PassMetrics {
    static func record(_ result: HealthPassResult, factory: any MetricsFactory) {
        Timer(label: MetricCatalog.passDuration.name, factory: factory).recordSeconds(result.duration)
        for r in result.reports {
            let repo = [("repository", r.repository)]
            if let score = r.score {
                Gauge(label: MetricCatalog.repositoryHealthScore.name, dimensions: repo, factory: factory).record(Double(score))
            }
            Gauge(label: MetricCatalog.repositoryFailingChecks.name, dimensions: repo, factory: factory).record(Double(r.failingChecks.count))
        }
    }
}
