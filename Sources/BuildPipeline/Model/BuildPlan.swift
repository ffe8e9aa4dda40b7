import Foundation
import InfinityModel

/// Why a repository is (or is not) in a build.
public enum PlanReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its own inputs changed: head, build configuration or toolchain.
    case changed
    /// Its own inputs are as last built, but a repository it depends on changed.
    case dependencyChanged = "dependency_changed"
    /// No build of it is remembered.
    case neverBuilt = "never_built"
    /// `--all`, or an explicit re-run.
    case forced
    /// Its cache key already succeeded: not built, reported `cached`.
    case cached
    /// Its last build at this very key failed or was interrupted: built again.
    case retry
    /// It has no build steps (`skip: true`, or nothing detected): reported `skipped`.
    case noSteps = "no_steps"
    /// It has no commits to build: reported `skipped`.
    case noCommits = "no_commits"
    /// It is part of a dependency cycle and cannot be ordered: reported `failed`.
    case dependencyCycle = "dependency_cycle"

    /// How `--plan` prints it.
    public var label: String {
        switch self {
        case .changed: return "changed"
        case .dependencyChanged: return "dependency changed"
        case .neverBuilt: return "never built"
        case .forced: return "forced"
        case .cached: return "cached"
        case .retry: return "retry"
        case .noSteps: return "no steps"
        case .noCommits: return "no commits"
        case .dependencyCycle: return "dependency cycle"
        }
    }
}

/// One repository in a plan.
public struct BuildPlanEntry: Sendable, Hashable, Encodable {
    /// What the run does with it.
    public enum Action: String, Sendable, Hashable, Codable {
        /// Run its steps.
        case build
        /// Report the remembered success as `cached`.
        case cached
        /// Report it `skipped` (no steps, no commits).
        case skip
        /// Report it `failed` without running (a dependency cycle).
        case fail
    }

    public var repository: String
    public var action: Action
    public var reason: PlanReason
    /// The reason in words: `head 1a2b3c4 → 5d6e7f8`, `dependency changed: greeter-core`.
    public var explanation: String
    public var cacheKey: String
    public var ownKey: String
    public var headSHA: String?
    public var ecosystem: String
    /// Repositories of the organization it depends on.
    public var dependencies: [String]
    /// Seconds its last build took (1 when unknown), for the critical path.
    public var estimatedSeconds: Double
    /// Length of the longest chain of builds that starts here, in estimated seconds: the
    /// scheduler starts the largest first.
    public var criticalPath: Double
    /// For `cached`: the remembered success.
    public var cachedDetail: BuildDetail?
    public var cachedRunID: String?
    /// The manifest entry, with the steps to run.
    public var manifestEntry: ManifestRepository

    enum CodingKeys: String, CodingKey {
        case repository, action, reason, explanation
        case cacheKey = "cache_key"
        case ownKey = "own_key"
        case headSHA = "head_sha"
        case ecosystem, dependencies
        case estimatedSeconds = "estimated_seconds"
        case criticalPath = "critical_path_seconds"
        case cachedRunID = "cached_run_id"
    }

    public init(repository: String, action: Action, reason: PlanReason, explanation: String, cacheKey: String, ownKey: String,
                headSHA: String?, ecosystem: String, dependencies: [String], estimatedSeconds: Double = 1, criticalPath: Double = 1,
                cachedDetail: BuildDetail? = nil, cachedRunID: String? = nil, manifestEntry: ManifestRepository) {
        self.repository = repository
        self.action = action
        self.reason = reason
        self.explanation = explanation
        self.cacheKey = cacheKey
        self.ownKey = ownKey
        self.headSHA = headSHA
        self.ecosystem = ecosystem
        self.dependencies = dependencies
        self.estimatedSeconds = estimatedSeconds
        self.criticalPath = criticalPath
        self.cachedDetail = cachedDetail
        self.cachedRunID = cachedRunID
        self.manifestEntry = manifestEntry
    }
}

/// What a build run will do: every selected repository with its action and the reason.
public struct BuildPlan: Sendable, Encodable {
    /// Entries sorted by repository name.
    public var entries: [BuildPlanEntry]
    /// Toolchain digest per ecosystem that went into the keys.
    public var toolchains: [String: String]
    /// `--all` or an explicit re-run.
    public var forced: Bool

    public init(entries: [BuildPlanEntry], toolchains: [String: String], forced: Bool) {
        self.entries = entries.sorted { $0.repository < $1.repository }
        self.toolchains = toolchains
        self.forced = forced
    }

    /// The entries that will run.
    public var toBuild: [BuildPlanEntry] { entries.filter { $0.action == .build } }

    /// Counts per action.
    public func count(_ action: BuildPlanEntry.Action) -> Int { entries.reduce(0) { $0 + ($1.action == action ? 1 : 0) } }

    /// The entry for `repository`.
    public func entry(_ repository: String) -> BuildPlanEntry? { entries.first { $0.repository == repository } }
}
