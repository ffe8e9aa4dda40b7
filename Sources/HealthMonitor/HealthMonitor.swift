import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging
import Metrics

/// The health monitor: evaluates every repository of the manifest, scores it, records the
/// result, keeps alerts in sync and asks for healing where a build failed.
///
/// A pass reads the manifest (it does not list the organization again), runs the checks
/// with at most `build.max_parallel` repositories at once, and:
/// - reuses content-check results cached per head SHA, so a warm pass reads no files;
/// - writes each repository's report and a history row to the store, and the health
///   summary into the manifest (atomically, only when it changed);
/// - opens, updates, reminds and closes alerts (`AlertSynchronizer`);
/// - records one healing request per failed build of an unhealthy repository.
/// A dry run computes everything and writes nothing.
public struct HealthMonitor: Sendable {
    public var configuration: OrchestratorConfiguration
    public var host: any CodeHost
    public var signals: any HostHealthSignals
    /// Where alerts go; nil leaves alerts alone.
    public var alerts: (any AlertChannel)?
    public var store: StateStore
    public var fileSystem: FileSystem
    public var clock: WallClock
    public var logger: Logger
    /// Receives pass metrics (scores, failing checks, cache hits) when set.
    public var metrics: (any MetricsFactory)?

    public init(configuration: OrchestratorConfiguration, host: any CodeHost, signals: any HostHealthSignals,
                alerts: (any AlertChannel)?, store: StateStore, fileSystem: FileSystem = .live, clock: WallClock = .live,
                logger: Logger = Logger(label: "infinity.health"), metrics: (any MetricsFactory)? = nil) {
        self.configuration = configuration
        self.host = host
        self.signals = signals
        self.alerts = alerts
        self.store = store
        self.fileSystem = fileSystem
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
    }

    var settings: HealthSettings { configuration.health }

    /// Runs one pass over the manifest at `manifestPath`.
    public func run(manifestPath: String, options: HealthPassOptions = HealthPassOptions()) async throws(HealthError) -> HealthPassResult {
        let started = clock.now()
        var diagnostics = HealthCheckCatalog.unknownIDs(in: settings)
        let manifest = try readManifest(manifestPath)
        let selected = try select(manifest, names: options.repositories)

        let inputs: PassInputs
        do { inputs = try PassInputs.load(store) } catch { throw HealthError(.store, "\(error)", remedy: "check the state store", underlying: error) }

        let now = clock.now()
        let monitor = self
        let evaluated = await BoundedConcurrency.map(selected, limit: max(2, configuration.build.maxParallel)) { repo in
            await monitor.evaluate(repo, inputs: inputs, now: now)
        }
        let reports = evaluated.map(\.report)
        diagnostics += evaluated.flatMap(\.diagnostics)

        var wrote = false
        if !options.dryRun {
            do {
                try store.recordHealth(reports, runID: options.runID)
                try store.storeHealthCheckCache(evaluated.compactMap(\.cacheEntry))
                if let runID = options.runID {
                    try store.recordResults(reports.map { r in
                        RepositoryResultRecord(runID: runID, repository: r.repository, stage: "health", status: r.status.rawValue,
                                               startedAt: now, finishedAt: r.checkedAt, detail: Self.resultDetail(r))
                    })
                }
            } catch {
                throw HealthError(.store, "\(error)", remedy: "check the state store", underlying: error)
            }
            wrote = try writeManifest(manifestPath, reports: reports)
        }

        var alertActions: [AlertAction] = []
        if settings.alerts, let channel = alerts {
            let sync = AlertSynchronizer(channel: channel, store: store, settings: settings, organization: configuration.organization,
                                         clock: clock, logger: logger, runID: options.runID)
            let (actions, diags) = await sync.sync(reports, dryRun: options.dryRun)
            alertActions = actions
            diagnostics += diags
        }
        let healing = HealingTrigger(store: store, clock: clock, runID: options.runID)
            .trigger(reports, builds: inputs.latestBuilds, dryRun: options.dryRun)

        let result = HealthPassResult(reports: reports, alerts: alertActions, healing: healing, diagnostics: diagnostics,
                                      wroteManifest: wrote, dryRun: options.dryRun, cacheHits: evaluated.filter(\.cacheHit).count,
                                      duration: clock.now().timeIntervalSince(started))
        if let metrics { PassMetrics.record(result, factory: metrics) }
        logger.info("health pass finished", metadata: [
            "health.repositories": "\(reports.count)",
            "health.unhealthy": "\(reports.filter { $0.status == .unhealthy }.count)",
            "health.cache_hits": "\(result.cacheHits)",
        ])
        return result
    }

    // MARK: one repository

    struct Evaluated: Sendable {
        var report: HealthReport
        var cacheEntry: (repository: String, sha: String, version: Int, payload: Data)?
        var cacheHit: Bool
        var diagnostics: [Diagnostic]
    }

    func evaluate(_ repo: ManifestRepository, inputs: PassInputs, now: Date) async -> Evaluated {
        let hosted = host.repository(from: repo)
        var diagnostics: [Diagnostic] = []
        var cacheEntry: (repository: String, sha: String, version: Int, payload: Data)?
        var hit = false
        let content: [CheckResult]
        if let sha = repo.headSHA, let cached = inputs.contentCache[repo.name], cached.sha == sha, cached.version == ContentChecks.version,
           let decoded = try? JSONDecoder().decode([CheckResult].self, from: cached.payload) {
            content = decoded
            hit = true
        } else if let sha = repo.headSHA, let reader = host.content(of: hosted) {
            do {
                let tree = try await RepositoryTree.load(reader)
                content = await ContentChecks.evaluate(tree)
                if let payload = try? JSONEncoder.sorted.encode(content) {
                    cacheEntry = (repository: repo.name, sha: sha, version: ContentChecks.version, payload: payload)
                }
            } catch {
                content = Self.contentNotApplicable("cannot read the head commit's files: \(error)")
                diagnostics.append(Diagnostic(.warning, repository: repo.name, "content checks skipped: cannot read the head commit's files: \(error)",
                                              remedy: "check the repository with `git fsck`"))
            }
        } else {
            content = Self.contentNotApplicable(repo.headSHA == nil ? "the repository has no commits" : "the code host cannot read this repository's files")
        }
        let operational = OperationalChecks.evaluate(repo, inputs: inputs.operational(repo.name), settings: settings, now: now)
        let hostChecks = await HostChecks.evaluate(hosted, signals: signals, settings: settings, now: now)
        let checks = HealthScoring.weigh(content + operational + hostChecks, settings: settings)
        let (score, status) = HealthScoring.score(checks, settings: settings)
        let report = HealthReport(repository: repo.name, headSHA: repo.headSHA, checkedAt: now, score: score, status: status,
                                  checks: checks, previousScore: inputs.previous[repo.name]?.score)
        return Evaluated(report: report, cacheEntry: cacheEntry, cacheHit: hit, diagnostics: diagnostics)
    }

    static func contentNotApplicable(_ reason: String) -> [CheckResult] {
        HealthCheckCatalog.all.filter { $0.source == .content }.map { ContentChecks.result($0.id, .notApplicable, reason) }
    }

    static func resultDetail(_ r: HealthReport) -> String {
        var object: [String: Any] = ["failing_checks": r.failingChecks, "warning_checks": r.warningChecks]
        if let s = r.score { object["score"] = s }
        if let p = r.previousScore { object["previous_score"] = p }
        if let h = r.headSHA { object["head_sha"] = h }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: manifest

    func readManifest(_ path: String) throws(HealthError) -> Manifest {
        guard fileSystem.exists(path) else {
            throw HealthError(.manifestMissing, "no manifest at \(path)", remedy: "run `infinity discover` (or `infinity run`) first")
        }
        do {
            return try ManifestCoding.decode(fileSystem.readFile(path), file: path)
        } catch {
            throw HealthError(.manifestUnreadable, "\(error)", remedy: "run `infinity discover` to write it anew", underlying: error)
        }
    }

    func select(_ manifest: Manifest, names: [String]) throws(HealthError) -> [ManifestRepository] {
        guard !names.isEmpty else { return manifest.repositories }
        let known = Set(manifest.repositories.map(\.name))
        for name in names where !known.contains(name) {
            let near = EditDistance.nearest(to: name, in: known)
            throw HealthError(.unknownRepository, "no repository called `\(DisplayName.quote(name))` in the manifest",
                              remedy: near.map { "did you mean `\($0)`?" } ?? "`infinity discover` lists the repositories")
        }
        let wanted = Set(names)
        return manifest.repositories.filter { wanted.contains($0.name) }
    }

    /// Writes the health summaries into the manifest as it is now on disk (discovery may
    /// have rewritten it meanwhile); only when the bytes change.
    func writeManifest(_ path: String, reports: [HealthReport]) throws(HealthError) -> Bool {
        var manifest = try readManifest(path)
        let byName = Dictionary(reports.map { ($0.repository, $0.summary) }, uniquingKeysWith: { a, _ in a })
        for i in manifest.repositories.indices {
            if let s = byName[manifest.repositories[i].name] { manifest.repositories[i].health = s }
        }
        do {
            let data = try ManifestCoding.encode(manifest)
            if (try? fileSystem.readFile(path)) == data { return false }
            try fileSystem.writeFileAtomically(path, data)
            return true
        } catch {
            throw HealthError(.manifestUnwritable, "cannot write \(path): \(error)", remedy: "check the folder's permissions", underlying: error)
        }
    }
}

/// What a pass needs from the store, read in a handful of batched queries.
struct PassInputs: Sendable {
    var latestBuilds: [String: RepositoryResultRecord]
    var latestSuccesses: [String: RepositoryResultRecord]
    var findings: [String: OpenFindingCounts]
    var scans: [String: [Finding.Kind: Date]]
    var previous: [String: HealthHistoryEntry]
    var contentCache: [String: (sha: String, version: Int, payload: Data)]

    static func load(_ store: StateStore) throws -> PassInputs {
        PassInputs(latestBuilds: try store.latestResults(stage: "build"),
                   latestSuccesses: try store.latestResults(stage: "build", statuses: ["succeeded", "cached"]),
                   findings: try store.openFindingCounts(), scans: try store.findingScans(),
                   previous: try store.latestHealth(), contentCache: try store.healthCheckCache())
    }

    func operational(_ name: String) -> OperationalInputs {
        OperationalInputs(latestBuild: latestBuilds[name], latestSuccessfulBuild: latestSuccesses[name],
                          findings: findings[name] ?? OpenFindingCounts(), scans: scans[name] ?? [:])
    }
}

/// Which repositories a pass covers and whether it may write.
public struct HealthPassOptions: Sendable {
    /// Repository names; empty: every repository of the manifest.
    public var repositories: [String]
    /// Compute and report, write nothing (no store, manifest, alerts or healing requests).
    public var dryRun: Bool
    /// The run the results belong to (`repository_results` rows are written only with one).
    public var runID: String?

    public init(repositories: [String] = [], dryRun: Bool = false, runID: String? = nil) {
        self.repositories = repositories
        self.dryRun = dryRun
        self.runID = runID
    }
}

/// What a pass found and did.
public struct HealthPassResult: Sendable {
    public var reports: [HealthReport]
    public var alerts: [AlertAction]
    public var healing: [HealingAction]
    public var diagnostics: [Diagnostic]
    public var wroteManifest: Bool
    public var dryRun: Bool
    /// Repositories whose content checks came from the per-head cache.
    public var cacheHits: Int
    public var duration: TimeInterval

    /// Repositories per status.
    public var counts: [HealthSummary.Status: Int] {
        var out: [HealthSummary.Status: Int] = [:]
        for r in reports { out[r.status, default: 0] += 1 }
        return out
    }
}

/// A health pass that could not run at all (per-repository problems are diagnostics instead).
public struct HealthError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public enum Code: String, Sendable {
        case manifestMissing = "manifest-missing"
        case manifestUnreadable = "manifest-unreadable"
        case manifestUnwritable = "manifest-unwritable"
        case unknownRepository = "unknown-repository"
        case store
    }

    public var code: Code
    public var message: String
    public var remedy: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, remedy: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.remedy = remedy
        self.underlying = underlying
    }

    public var description: String { "health: \(message) (\(remedy))" }
    public var errorDescription: String? { description }
}
