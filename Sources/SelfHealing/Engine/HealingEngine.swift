import BuildPipeline
import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// Self-healing: for every repository whose latest build failed, reads the failed step's
/// log, classifies it (with the build history on the same commit, so a test that passed
/// before is `flaky_test`), picks the action from the strategy table, checks the circuit
/// breaker and the budgets, applies the action, and records everything: `heal_attempts`
/// rows, `heal.<action>` audit entries, incidents (opened on failure, resolved with the time
/// to recovery when a build passes), and the healing requests it answered.
///
/// Healing never pushes to a default branch: changes are verified in a scratch clone and
/// handed to a ``HealProposalSink`` (a local branch for the folder provider).
public struct HealingEngine: Sendable {
    public var configuration: OrchestratorConfiguration
    /// The absolute state folder (`<project>/.infinity`).
    public var stateDirectory: String
    public var store: StateStore
    public var environment: [String: String]
    public var fileSystem: FileSystem
    public var clock: WallClock
    public var git: GitCLI
    /// Runs build steps (rebuilds and proposal verification).
    public var processes: ProcessGroupRunner
    public var classifier: FailureClassifier
    public var strategies: StrategyTable
    public var proposals: any HealProposalSink
    /// Re-runs the failed CI jobs of a repository on its code host (GitHub Actions) when a
    /// retry-type action runs; returns a link to the re-run, or nil when the host has no failed
    /// run. Nil for the local provider.
    public var hostRerun: (@Sendable (ManifestRepository) async throws -> String?)?
    /// Local copies of hosted repositories (GitHub mirrors): rebuilds borrow from them and
    /// proposals clone them. Nil for the local provider, whose locations are local or cloneable.
    public var sources: (any RepositorySources)?
    /// A number in 0 ..< 1 for backoff jitter.
    public var random: @Sendable () -> Double
    public var logger: Logger

    /// Creates an engine; the strategy table is `healing.strategies` applied to the defaults.
    public init(configuration: OrchestratorConfiguration, stateDirectory: String, store: StateStore,
                environment: [String: String] = ProcessInfo.processInfo.environment, fileSystem: FileSystem = .live,
                clock: WallClock = .live, git: GitCLI = GitCLI(), processes: ProcessGroupRunner = .live,
                classifier: FailureClassifier = FailureClassifier(), proposals: (any HealProposalSink)? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                logger: Logger = Logger(label: "infinity.heal")) throws(HealingError) {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        self.store = store
        self.environment = environment
        self.fileSystem = fileSystem
        self.clock = clock
        self.git = git
        self.processes = processes
        self.classifier = classifier
        do { self.strategies = try StrategyTable.resolving(configuration.healing.strategies) } catch {
            throw HealingError(.configuration, error.description)
        }
        self.proposals = proposals ?? LocalBranchProposalSink(git: git, fileSystem: fileSystem)
        self.random = random
        self.logger = logger
    }

    var settings: HealingSettings { configuration.healing }
    var budget: HealingBudget {
        HealingBudget(maxAttemptsPerRepository: settings.maxAttemptsPerRepository, window: settings.window,
                      orgRetryBudgetPercent: settings.orgRetryBudgetPercent)
    }
    /// `<state>/heals`: reports and the quarantine list.
    public var healsDirectory: String { Paths.join(stateDirectory, "heals") }
    var pipeline: BuildPipeline {
        BuildPipeline(configuration: configuration, stateDirectory: stateDirectory, store: store, environment: environment,
                      fileSystem: fileSystem, clock: clock, git: git, processes: processes, sources: sources, logger: logger)
    }

    /// One healing pass over `manifest`.
    public func run(manifest: Manifest, options: HealingOptions = HealingOptions()) async throws(HealingError) -> HealingRunReport {
        let known = Set(manifest.repositories.map(\.name))
        if let unknown = options.repositories.first(where: { !known.contains($0) }) {
            throw HealingError(.unknownRepository, "no repository named \(DisplayName.quote(unknown)) in the manifest")
        }
        let latest: [String: RepositoryResultRecord]
        let pending: [HealingRequest]
        do {
            latest = Dictionary(try store.latestBuildResults().map { ($0.repository, $0) }, uniquingKeysWith: { a, _ in a })
            pending = try store.pendingHealingRequests()
        } catch {
            throw HealingError(.store, "cannot read build results and healing requests", underlying: error)
        }
        var report = HealingRunReport(dryRun: options.dryRun, outcomes: [], resolved: [], quarantine: nil, problems: [])
        let selected = manifest.repositories.filter { options.repositories.isEmpty || options.repositories.contains($0.name) }
            .sorted { $0.name < $1.name }
        if !options.dryRun { report.resolved = resolveRecovered(selected.map(\.name), latest: latest, pending: pending, report: &report) }
        for repo in selected {
            guard let build = latest[repo.name], build.status == BuildStatus.failed.rawValue else { continue }
            let requests = pending.filter { $0.repository == repo.name }.map(\.id)
            let item = plan(repo, build: build, requests: requests, confirmTestFailures: options.confirmTestFailures)
            if options.dryRun {
                report.outcomes.append(HealingOutcome(item: item, result: item.allowed ? .planned : .skipped, detail: item.verdict))
                continue
            }
            report.outcomes.append(await apply(item, repository: repo, manifest: manifest, options: options))
        }
        if !options.dryRun { report.quarantine = writeQuarantine(report: &report) }
        return report
    }

    /// Closes the incidents (and answers the requests) of repositories whose latest build passed.
    func resolveRecovered(_ names: [String], latest: [String: RepositoryResultRecord], pending: [HealingRequest],
                          report: inout HealingRunReport) -> [ResolvedIncident] {
        var resolved: [ResolvedIncident] = []
        let now = clock.now()
        for name in names {
            guard let status = latest[name]?.status, status == BuildStatus.succeeded.rawValue || status == BuildStatus.cached.rawValue else { continue }
            do {
                for request in pending where request.repository == name {
                    try store.markHealingRequest(id: request.id, .done, detail: nil)
                }
                let lastHeal = try store.healAttempts(since: budget.windowStart(now), repository: name).first { $0.outcome == "succeeded" }
                if let incident = try store.resolveIncident(repository: name, by: lastHeal?.action ?? "build", at: now) {
                    resolved.append(ResolvedIncident(repository: name, category: incident.category, resolvedBy: lastHeal?.action ?? "build",
                                                     secondsToRecovery: now.timeIntervalSince(incident.openedAt)))
                    try store.appendAudit(AuditEntry(at: now, action: "heal.recovered", target: name, outcome: "ok",
                                                     detail: "incident \(incident.category) resolved after \(HealingRunReport.duration(now.timeIntervalSince(incident.openedAt)))"))
                }
            } catch {
                report.problems.append("\(name): \(error)")
            }
        }
        return resolved
    }

    /// Classifies a failed build and decides what may be done about it now.
    func plan(_ repo: ManifestRepository, build: RepositoryResultRecord, requests: [Int64], confirmTestFailures: Bool) -> HealingPlanItem {
        let detail = BuildDetail.parse(build.detail)
        let failedStep = detail?.failedStep
        let stepLog = detail?.steps.first { $0.status == .failed }?.log
            ?? failedStep.flatMap { step in detail.map { Paths.join($0.logDir, "\(step).log") } }
        let history = priorOutcomes(repo.name, excluding: build)
        let context = ClassificationContext(exitCode: detail?.exitCode, signal: detail?.signal, timedOut: detail?.timedOut ?? false,
                                            history: history, commitSHA: detail?.headSHA)
        var classification: Classification
        var logText = ""
        if let stepLog, fileSystem.exists(stepLog), let c = try? classifier.classify(fileAt: stepLog, context: context) {
            classification = c
            logText = Self.tail(of: stepLog, fileSystem: fileSystem)
        } else {
            classification = classifier.classify(text: detail?.reason ?? "", context: context)
        }
        if classification.evidence.isEmpty, let reason = detail?.reason { classification.evidence = [EvidenceLine(line: 0, text: reason)] }
        let action = strategies.action(for: classification.category)
        var item = HealingPlanItem(
            repository: repo.name, category: classification.category, confidence: classification.confidence, action: action,
            ruleID: classification.ruleID, evidence: classification.evidence, failedStep: failedStep, headSHA: detail?.headSHA ?? repo.headSHA,
            buildRunID: build.runID, log: stepLog, failingTests: FailingTests.names(in: logText),
            allowed: true, verdict: "allowed", requestIDs: requests, failedAt: build.finishedAt ?? build.startedAt)
        if confirmTestFailures && item.category == .testFailure && item.action == .report {
            // Confirm on the same commit first: a pass means flaky, a second failure is reported.
            var confirming = item
            confirming.action = .rerun
            let (allowed, verdict) = self.verdict(for: confirming)
            if allowed {
                confirming.verdict = "\(verdict); confirming the test failure by one re-run on the same commit"
                return confirming
            }
        }
        let (allowed, verdict) = self.verdict(for: item)
        item.allowed = allowed
        item.verdict = verdict
        return item
    }

    /// Earlier `build` outcomes of a repository, oldest first, without `current`.
    func priorOutcomes(_ repository: String, excluding current: RepositoryResultRecord) -> [PriorOutcome] {
        let records = (try? store.results(repository: repository, stage: "build", limit: 50)) ?? []
        var out: [PriorOutcome] = []
        var skippedCurrent = false
        for r in records {
            if !skippedCurrent && r.runID == current.runID && r.detail == current.detail { skippedCurrent = true; continue }
            let sha = BuildDetail.parse(r.detail)?.headSHA
            switch r.status {
            case BuildStatus.succeeded.rawValue, BuildStatus.cached.rawValue: out.append(PriorOutcome(commitSHA: sha, result: .passed))
            case BuildStatus.failed.rawValue: out.append(PriorOutcome(commitSHA: sha, result: .failed))
            default: continue
            }
        }
        return out.reversed()
    }

    /// Budget, breaker, dedupe and backoff verdict for an item.
    func verdict(for item: HealingPlanItem) -> (Bool, String) {
        let now = clock.now()
        let attempts: [HealAttemptRecord]
        let orgAttempts: [HealAttemptRecord]
        let builds: Int
        do {
            attempts = try store.healAttempts(since: budget.windowStart(now), repository: item.repository)
            orgAttempts = try store.healAttempts(since: budget.windowStart(now))
            builds = try store.buildCount(since: budget.windowStart(now))
        } catch {
            return (false, "cannot read the heal history: \(error)")
        }
        let mark = HealAttemptNote.buildMark(item.buildRunID)
        if let done = attempts.first(where: { $0.detail?.hasPrefix(mark) == true && $0.outcome != "scheduled" }) {
            return (false, "already handled this failed build (\(done.action): \(done.outcome))")
        }
        if !item.action.retriesBuild && !item.action.proposesChange {
            // Reports and alerts change nothing; one per commit and category.
            if let earlier = attempts.first(where: { $0.action == item.action.rawValue && $0.category == item.category.rawValue && $0.headSHA == item.headSHA }) {
                return (false, "already \(earlier.outcome) for this commit")
            }
            return (true, "allowed (no rebuild)")
        }
        if let scheduled = attempts.first(where: { $0.outcome == "scheduled" }), let notBefore = HealAttemptNote.notBefore(scheduled.detail), notBefore > now {
            return (false, "waiting for backoff until \(ISO8601DateFormatter().string(from: notBefore))")
        }
        var breaker = loadBreaker(item.repository)
        if !breaker.allows(at: now, cooldown: settings.circuitBreakerCooldown) {
            return (false, "circuit breaker open since \(breaker.openedAt.map { ISO8601DateFormatter().string(from: $0) } ?? "?") (`infinity heal reset \(item.repository)` closes it)")
        }
        let counted = attempts.filter { HealAttemptNote.countsAgainstBudget($0.outcome) }.count
        let retries = orgAttempts.filter(\.retried).count
        if let refusal = budget.check(repositoryAttempts: counted, orgRetries: retries, orgBuilds: builds, retriesBuild: item.action.retriesBuild) {
            return (false, refusal.description)
        }
        return (true, breaker.state == .halfOpen ? "allowed (circuit half-open: trial heal)" : "allowed (\(counted)/\(budget.maxAttemptsPerRepository) attempts in the window)")
    }

    /// A repository's stored breaker (closed when none is stored).
    func loadBreaker(_ repository: String) -> CircuitBreaker {
        guard let f = try? store.circuitBreakerFields(repository: repository) else { return CircuitBreaker() }
        return CircuitBreaker(state: CircuitBreaker.State(rawValue: f.state) ?? .closed, consecutiveFailures: f.failures, openedAt: f.openedAt)
    }

    /// Updates and stores a repository's breaker after a heal.
    func recordBreaker(_ repository: String, success: Bool) {
        var breaker = loadBreaker(repository)
        let now = clock.now()
        _ = breaker.allows(at: now, cooldown: settings.circuitBreakerCooldown)
        let before = breaker.state
        breaker.record(success: success, at: now, threshold: settings.circuitBreakerThreshold)
        try? store.storeCircuitBreaker(repository: repository, state: breaker.state.rawValue, failures: breaker.consecutiveFailures, openedAt: breaker.openedAt)
        if before != breaker.state {
            try? store.appendAudit(AuditEntry(at: now, action: "heal.breaker.\(breaker.state.rawValue)", target: repository, outcome: "ok",
                                              detail: "\(breaker.consecutiveFailures) failed heal(s) in a row"))
        }
    }

    /// Closes a repository's circuit breaker by hand (audit-logged as `heal.breaker.reset`).
    public func resetBreaker(_ repository: String) throws(HealingError) {
        do {
            let before = loadBreaker(repository)
            try store.storeCircuitBreaker(repository: repository, state: CircuitBreaker.State.closed.rawValue, failures: 0, openedAt: nil)
            try store.appendAudit(AuditEntry(at: clock.now(), action: "heal.breaker.reset", target: repository, outcome: "ok",
                                             detail: "was \(before.state.rawValue) after \(before.consecutiveFailures) failed heal(s)"))
        } catch {
            throw HealingError(.store, "cannot reset the circuit breaker of \(DisplayName.quote(repository))", underlying: error)
        }
    }

    /// The last 256 KiB of a log as text.
    static func tail(of path: String, fileSystem: FileSystem, bytes: Int = 262_144) -> String {
        guard let data = try? fileSystem.readFile(path) else { return "" }
        return String(decoding: data.suffix(bytes), as: UTF8.self)
    }
}

/// How heal attempts carry facts in their `detail` text: `build:<run-id>` first, so one failed
/// build is handled once, and `not_before=<epoch>` for scheduled retries.
enum HealAttemptNote {
    static func buildMark(_ runID: String) -> String { "build:\(runID)" }

    static func text(_ runID: String, _ words: String) -> String { "\(buildMark(runID)) \(words)" }

    static func scheduled(_ runID: String, notBefore: Date, delay: Duration) -> String {
        "\(buildMark(runID)) not_before=\(Int(notBefore.timeIntervalSince1970.rounded(.up))) backoff \(delay)"
    }

    static func notBefore(_ detail: String?) -> Date? {
        guard let detail, let range = detail.range(of: "not_before=") else { return nil }
        let digits = detail[range.upperBound...].prefix { $0.isNumber }
        return Double(digits).map { Date(timeIntervalSince1970: $0) }
    }

    /// Outcomes that spend the per-repository attempt budget.
    static func countsAgainstBudget(_ outcome: String) -> Bool {
        ["succeeded", "failed", "pending", "proposed"].contains(outcome)
    }
}
