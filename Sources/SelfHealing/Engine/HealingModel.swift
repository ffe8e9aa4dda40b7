import Foundation

/// What one healing pass is asked to do.
public struct HealingOptions: Sendable, Hashable {
    /// Only these repositories (empty: every repository whose latest build failed).
    public var repositories: [String]
    /// Print the plan and change nothing: no builds, no store writes, no files.
    public var dryRun: Bool
    /// The run to record rebuilds and audit entries under (the cycle's); a `heal` run otherwise.
    public var runID: String?
    /// Backoff waits up to this long happen inline; longer ones are recorded as `scheduled`
    /// and retried by a later pass, so a pass never blocks for long.
    public var maxInlineBackoff: Duration
    /// Before reporting a `test_failure`, re-run the failed step once on the same commit: a
    /// pass makes it `flaky_test` (a flip is recorded), a second failure is reported.
    public var confirmTestFailures: Bool

    public init(repositories: [String] = [], dryRun: Bool = false, runID: String? = nil,
                maxInlineBackoff: Duration = .seconds(15), confirmTestFailures: Bool = true) {
        self.repositories = repositories
        self.dryRun = dryRun
        self.runID = runID
        self.maxInlineBackoff = maxInlineBackoff
        self.confirmTestFailures = confirmTestFailures
    }
}

/// One repository the pass would heal: the verdict on its failed build and what to do.
public struct HealingPlanItem: Sendable, Hashable, Codable {
    public var repository: String
    public var category: FailureCategory
    public var confidence: Double
    public var action: HealingAction
    public var ruleID: String?
    public var evidence: [EvidenceLine]
    /// The step that failed (`build`, `test` …), when one did.
    public var failedStep: String?
    public var headSHA: String?
    /// The run whose failed build this item is about.
    public var buildRunID: String
    /// The failed step's log.
    public var log: String?
    /// Failing test names found in the log.
    public var failingTests: [String]
    /// Whether the action may run now.
    public var allowed: Bool
    /// The budget and circuit-breaker verdict, in words.
    public var verdict: String
    /// Pending healing requests this item answers.
    public var requestIDs: [Int64]
    /// When the failed build ran: the incident opens then.
    public var failedAt: Date?

    enum CodingKeys: String, CodingKey {
        case repository, category, confidence, action
        case ruleID = "rule"
        case evidence
        case failedStep = "failed_step"
        case headSHA = "head_sha"
        case buildRunID = "build_run_id"
        case log
        case failingTests = "failing_tests"
        case allowed, verdict
        case requestIDs = "request_ids"
        case failedAt = "failed_at"
    }

    /// The first 12 characters of the head, or `unknown`.
    public var shortSHA: String { headSHA.map { String($0.prefix(12)) } ?? "unknown" }
}

/// How one item ended.
public struct HealingOutcome: Sendable, Hashable, Codable {
    public enum Result: String, Sendable, Hashable, Codable {
        /// The rebuild after the action passed.
        case healed
        /// The action ran and the build still fails.
        case failed
        /// A change was made, verified and proposed (branch or pull request).
        case proposed
        /// Nothing to repair automatically: a report was written.
        case reported
        /// Humans were alerted (authentication); never retried.
        case alerted
        /// A retry waits for its backoff; a later pass runs it.
        case scheduled
        /// Not run: budget, circuit breaker, already handled, or waiting.
        case skipped
        /// Dry run: what would happen.
        case planned
    }

    public var item: HealingPlanItem
    public var result: Result
    public var detail: String
    /// The markdown report written for it, if any.
    public var report: String?
    /// The proposal branch, if any.
    public var branch: String?

    public init(item: HealingPlanItem, result: Result, detail: String, report: String? = nil, branch: String? = nil) {
        self.item = item
        self.result = result
        self.detail = detail
        self.report = report
        self.branch = branch
    }
}

/// An incident closed because the repository's latest build passed.
public struct ResolvedIncident: Sendable, Hashable, Codable {
    public var repository: String
    public var category: String
    public var resolvedBy: String
    public var secondsToRecovery: Double

    enum CodingKeys: String, CodingKey {
        case repository, category
        case resolvedBy = "resolved_by"
        case secondsToRecovery = "seconds_to_recovery"
    }
}

/// What a healing pass did.
public struct HealingRunReport: Sendable, Codable {
    public var dryRun: Bool
    public var outcomes: [HealingOutcome]
    public var resolved: [ResolvedIncident]
    /// The quarantine report, when a test flipped often enough to be listed.
    public var quarantine: String?
    /// Things that went wrong outside any one repository (store errors and the like).
    public var problems: [String]

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run"
        case outcomes, resolved, quarantine, problems
    }

    /// Human lines: one per repository, then recoveries.
    public var lines: [String] {
        var lines: [String] = []
        if outcomes.isEmpty && resolved.isEmpty { lines.append("nothing to heal") }
        for o in outcomes {
            let i = o.item
            var line = "\(i.repository): \(i.category.rawValue) (\(String(format: "%.2f", i.confidence))) → \(i.action.rawValue): \(o.result.rawValue)"
            if !o.detail.isEmpty { line += " — \(o.detail)" }
            lines.append(line)
            if !i.failingTests.isEmpty { lines.append("    failing tests: " + i.failingTests.prefix(5).joined(separator: ", ")) }
            if let b = o.branch { lines.append("    branch: \(b)") }
            if let r = o.report { lines.append("    report: \(r)") }
        }
        for r in resolved {
            lines.append("\(r.repository): recovered (\(r.category), by \(r.resolvedBy), time to recovery \(Self.duration(r.secondsToRecovery)))")
        }
        if let q = quarantine { lines.append("quarantine report: \(q)") }
        for p in problems { lines.append("problem: \(p)") }
        return lines
    }

    /// `42s`, `3m 5s`, `2h 10m`.
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m \(s % 60)s" }
        return "\(s / 3600)h \((s % 3600) / 60)m"
    }
}

/// Self-healing could not run at all (per-repository problems are outcomes, not errors).
public struct HealingError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public enum Code: String, Sendable {
        case configuration, store, manifest, unknownRepository = "unknown-repository"
    }

    public var code: Code
    public var message: String
    public var underlying: String?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying.map { "\($0)" }
    }

    public var description: String { underlying.map { "\(message): \($0)" } ?? message }
    public var errorDescription: String? { description }
}
