import Foundation
import InfinityModel
import InfinityStore

/// A repository's build outcome in one run; the `status` of its `build` result in the store.
public enum BuildStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case succeeded, failed, cancelled, skipped, cached

    /// Whether the outcome lets the run exit 0: passed, cached, or nothing to build.
    public var isAcceptable: Bool { self == .succeeded || self == .cached }
}

/// One step of one repository's build: what ran, how it ended, where its log is.
public struct StepResult: Sendable, Hashable, Codable {
    /// The step's outcome: `succeeded`, `failed`, `cancelled`, or `skipped` (not run).
    public enum Status: String, Sendable, Hashable, Codable {
        case succeeded, failed, cancelled, skipped
    }

    /// `setup`, `install`, `build`, `test`, or `checkout` when the work tree could not be made.
    public var name: String
    public var status: Status
    public var command: String
    public var exitCode: Int32?
    public var signal: Int32?
    public var timedOut: Bool
    public var durationSeconds: Double
    /// The step's log file (absolute), when the step ran.
    public var log: String?
    public var logTruncated: Bool
    /// Why it failed, in words (`command not found (exit 127)`, `timed out after 30m`).
    public var reason: String?

    public init(name: String, status: Status, command: String, exitCode: Int32? = nil, signal: Int32? = nil, timedOut: Bool = false,
                durationSeconds: Double = 0, log: String? = nil, logTruncated: Bool = false, reason: String? = nil) {
        self.name = name
        self.status = status
        self.command = command
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.durationSeconds = durationSeconds
        self.log = log
        self.logTruncated = logTruncated
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case name, status, command
        case exitCode = "exit_code"
        case signal
        case timedOut = "timed_out"
        case durationSeconds = "duration_seconds"
        case log
        case logTruncated = "log_truncated"
        case reason
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(command, forKey: .command)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encode(log, forKey: .log)
        try c.encode(logTruncated, forKey: .logTruncated)
        try c.encode(reason, forKey: .reason)
    }
}

/// The `detail` JSON of a `build` result in the store — the contract the health monitor and
/// self-healing read. `failed_step`, `exit_code`, `signal` and `reason` are always present
/// (null when they do not apply).
public struct BuildDetail: Sendable, Hashable, Codable {
    public var cacheKey: String
    public var ownKey: String
    public var headSHA: String?
    public var ecosystem: String
    public var durationSeconds: Double
    public var failedStep: String?
    public var exitCode: Int32?
    public var signal: Int32?
    public var timedOut: Bool
    /// The folder holding this build's step logs (`<state>/runs/<run-id>/<repo>`).
    public var logDir: String
    public var steps: [StepResult]
    /// Why it was skipped (`dependency failed: X`), failed before running, or was cached.
    public var reason: String?
    /// For `cached`: the run whose success is reused.
    public var cachedFromRun: String?
    /// The work tree the build ran in.
    public var workTree: String?
    /// Only some steps were run (a re-run of failed steps).
    public var partial: Bool

    public init(cacheKey: String, ownKey: String, headSHA: String?, ecosystem: String, durationSeconds: Double = 0,
                failedStep: String? = nil, exitCode: Int32? = nil, signal: Int32? = nil, timedOut: Bool = false,
                logDir: String, steps: [StepResult] = [], reason: String? = nil, cachedFromRun: String? = nil,
                workTree: String? = nil, partial: Bool = false) {
        self.cacheKey = cacheKey
        self.ownKey = ownKey
        self.headSHA = headSHA
        self.ecosystem = ecosystem
        self.durationSeconds = durationSeconds
        self.failedStep = failedStep
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.logDir = logDir
        self.steps = steps
        self.reason = reason
        self.cachedFromRun = cachedFromRun
        self.workTree = workTree
        self.partial = partial
    }

    enum CodingKeys: String, CodingKey {
        case cacheKey = "cache_key"
        case ownKey = "own_key"
        case headSHA = "head_sha"
        case ecosystem
        case durationSeconds = "duration_seconds"
        case failedStep = "failed_step"
        case exitCode = "exit_code"
        case signal
        case timedOut = "timed_out"
        case logDir = "log_dir"
        case steps, reason
        case cachedFromRun = "cached_from_run"
        case workTree = "work_tree"
        case partial
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cacheKey = try c.decode(String.self, forKey: .cacheKey)
        ownKey = try c.decodeIfPresent(String.self, forKey: .ownKey) ?? ""
        headSHA = try c.decodeIfPresent(String.self, forKey: .headSHA)
        ecosystem = try c.decodeIfPresent(String.self, forKey: .ecosystem) ?? BuildEcosystem.generic
        durationSeconds = try c.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? 0
        failedStep = try c.decodeIfPresent(String.self, forKey: .failedStep)
        exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode)
        signal = try c.decodeIfPresent(Int32.self, forKey: .signal)
        timedOut = try c.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false
        logDir = try c.decodeIfPresent(String.self, forKey: .logDir) ?? ""
        steps = try c.decodeIfPresent([StepResult].self, forKey: .steps) ?? []
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        cachedFromRun = try c.decodeIfPresent(String.self, forKey: .cachedFromRun)
        workTree = try c.decodeIfPresent(String.self, forKey: .workTree)
        partial = try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cacheKey, forKey: .cacheKey)
        try c.encode(ownKey, forKey: .ownKey)
        try c.encode(headSHA, forKey: .headSHA)
        try c.encode(ecosystem, forKey: .ecosystem)
        try c.encode(durationSeconds, forKey: .durationSeconds)
        try c.encode(failedStep, forKey: .failedStep)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encode(signal, forKey: .signal)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(logDir, forKey: .logDir)
        try c.encode(steps, forKey: .steps)
        try c.encode(reason, forKey: .reason)
        try c.encodeIfPresent(cachedFromRun, forKey: .cachedFromRun)
        try c.encodeIfPresent(workTree, forKey: .workTree)
        try c.encode(partial, forKey: .partial)
    }

    /// The detail as the store keeps it: compact sorted JSON.
    public func json() -> String {
        (try? JSONEncoder.sorted.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads a stored detail; nil when it is not a build detail.
    public static func parse(_ text: String?) -> BuildDetail? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(BuildDetail.self, from: Data(text.utf8))
    }
}

/// One repository's build in one run.
public struct RepositoryBuildResult: Sendable, Hashable, Codable {
    public var repository: String
    public var status: BuildStatus
    public var startedAt: Date?
    public var finishedAt: Date?
    public var detail: BuildDetail

    public init(repository: String, status: BuildStatus, startedAt: Date?, finishedAt: Date?, detail: BuildDetail) {
        self.repository = repository
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case repository, status
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case detail
    }

    /// The store's row for this result.
    public func record(runID: String) -> RepositoryResultRecord {
        RepositoryResultRecord(runID: runID, repository: repository, stage: "build", status: status.rawValue,
                               startedAt: startedAt, finishedAt: finishedAt, detail: detail.json())
    }

    /// The result-cache entry this result writes: only builds that ran (not cached or skipped).
    public func keyRecord(runID: String) -> BuildKeyRecord? {
        guard status == .succeeded || status == .failed || status == .cancelled, !detail.cacheKey.isEmpty else { return nil }
        return BuildKeyRecord(repository: repository, cacheKey: detail.cacheKey, ownKey: detail.ownKey, status: status.rawValue,
                              runID: runID, recordedAt: finishedAt ?? startedAt ?? Date(timeIntervalSince1970: 0),
                              detail: detail.json(), durationSeconds: detail.durationSeconds)
    }

    /// The step that failed, if one did.
    public var failedStep: StepResult? { detail.steps.first { $0.status == .failed } }
}
