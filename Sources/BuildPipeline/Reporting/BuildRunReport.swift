import Foundation
import InfinityModel

/// What a build run did: one result per repository it covered, and how the run ended.
public struct BuildRunReport: Sendable, Encodable {
    public var runID: String
    public var startedAt: Date
    public var finishedAt: Date
    /// `<state>/runs/<run-id>`: logs, `summary.md`, `results.json`, `junit.xml`.
    public var runDirectory: String
    /// Sorted by repository name.
    public var results: [RepositoryBuildResult]
    /// Why each repository was in the plan.
    public var reasons: [String: PlanReason]
    /// The reason in words, per repository.
    public var explanations: [String: String]
    /// Repositories that never started because the run was interrupted.
    public var notStarted: [String]
    /// SIGINT/SIGTERM (task cancellation) stopped the run.
    public var interrupted: Bool
    /// Problems of the run itself (a result that could not be stored, a report not written).
    public var problems: [String]
    public var maxParallel: Int

    public init(runID: String, startedAt: Date, finishedAt: Date, runDirectory: String, results: [RepositoryBuildResult],
                reasons: [String: PlanReason] = [:], explanations: [String: String] = [:], notStarted: [String] = [],
                interrupted: Bool = false, problems: [String] = [], maxParallel: Int = 1) {
        self.runID = runID
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.runDirectory = runDirectory
        self.results = results.sorted { $0.repository < $1.repository }
        self.reasons = reasons
        self.explanations = explanations
        self.notStarted = notStarted
        self.interrupted = interrupted
        self.problems = problems
        self.maxParallel = maxParallel
    }

    /// Everything passed or was cached (or had nothing to build), and the run was not interrupted.
    public var succeeded: Bool {
        !interrupted && notStarted.isEmpty && !results.contains { $0.status == .failed || $0.status == .cancelled }
            && !results.contains { $0.status == .skipped && $0.detail.reason?.hasPrefix("dependency failed") == true }
    }

    /// How many results have `status`.
    public func count(_ status: BuildStatus) -> Int { results.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }

    /// The run's wall time.
    public var durationSeconds: Double { finishedAt.timeIntervalSince(startedAt) }

    /// The result for `repository`.
    public func result(_ repository: String) -> RepositoryBuildResult? { results.first { $0.repository == repository } }

    /// One line: `11 repositories: 6 succeeded, 2 failed, 3 cached in 12.3s`.
    public var headline: String {
        var parts: [String] = []
        for status in BuildStatus.allCases {
            let n = count(status)
            if n > 0 { parts.append("\(n) \(status.rawValue)") }
        }
        if !notStarted.isEmpty { parts.append("\(notStarted.count) not started") }
        let what = parts.isEmpty ? "nothing to build" : parts.joined(separator: ", ")
        return "\(results.count + notStarted.count) repositories: \(what) in \(DurationText.format(durationSeconds))" + (interrupted ? " (interrupted)" : "")
    }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case durationSeconds = "duration_seconds"
        case succeeded, interrupted, counts, results, reasons
        case notStarted = "not_started"
        case problems
        case runDirectory = "run_dir"
        case maxParallel = "max_parallel"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runID, forKey: .runID)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encode(succeeded, forKey: .succeeded)
        try c.encode(interrupted, forKey: .interrupted)
        try c.encode(Dictionary(uniqueKeysWithValues: BuildStatus.allCases.map { ($0.rawValue, count($0)) }), forKey: .counts)
        try c.encode(results, forKey: .results)
        try c.encode(reasons.mapValues(\.rawValue), forKey: .reasons)
        try c.encode(notStarted, forKey: .notStarted)
        try c.encode(problems, forKey: .problems)
        try c.encode(runDirectory, forKey: .runDirectory)
        try c.encode(maxParallel, forKey: .maxParallel)
    }

    /// Pretty, sorted JSON (`results.json`).
    public func json() -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        var data = (try? e.encode(self)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}
