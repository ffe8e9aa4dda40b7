import Foundation

/// The resolved configuration of one orchestrator: `config/orchestrator.yml` over the
/// defaults, with command-line flags over both. Every key is documented where it is
/// decoded (`OrchestratorConfiguration+Decoding.swift`) and in `docs/configuration.md`.
public struct OrchestratorConfiguration: Sendable, Hashable {
    /// The organization's name, used in the manifest and in reports.
    public var organization: String = "local"
    /// Where the repositories come from.
    public var provider: ProviderKind = .local
    public var local = LocalProviderSettings()
    public var github = GitHubProviderSettings()
    /// Name globs a repository must match (any of them) to be managed.
    public var include: [Glob] = [Glob("*")]
    /// Name globs that exclude a repository (any of them), applied after `include`.
    public var exclude: [Glob] = []
    public var skipArchived = true
    public var skipForks = false
    public var build = BuildSettings()
    public var schedules = ScheduleSettings()
    public var health = HealthSettings()
    public var healing = HealingSettings()
    public var security = SecuritySettings()
    public var paths = PathSettings()
    /// Per-repository settings, keyed by repository name.
    public var overrides: [String: RepositoryOverride] = [:]

    public init() {}

    /// Whether a repository name passes `include` and `exclude`.
    public func admits(name: String) -> Bool {
        include.contains { $0.matches(name) } && !exclude.contains { $0.matches(name) }
    }
}

/// The kind of code host that holds the organization.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    case local
    case github
}

/// `local:` — a folder of git repositories and/or a list of repositories to clone.
public struct LocalProviderSettings: Sendable, Hashable {
    /// A folder whose direct children that are git repositories form the organization.
    public var path: String?
    /// Git URLs or paths cloned into the workspace.
    public var repositories: [String] = []
    public init() {}
}

/// `github:` — an organization or user on GitHub or GitHub Enterprise Server.
public struct GitHubProviderSettings: Sendable, Hashable {
    public var org: String?
    public var user: String?
    /// REST API root: `https://api.github.com` or `https://HOST/api/v3`.
    public var apiURL: String = "https://api.github.com"
    /// The environment variable that holds a token; `GITHUB_TOKEN` then `GH_TOKEN` when unset.
    public var tokenEnv: String?
    public var app: GitHubAppSettings?
    /// Requests in flight at once (1…100).
    public var maxConcurrentRequests: Int = 8
    /// Topics a repository must carry (any of them), when non-empty.
    public var topics: [String] = []
    /// `all`, `public`, `private` or `internal`.
    public var visibility: String = "all"
    public init() {}
}

/// `github.app:` — authentication as a GitHub App installation.
public struct GitHubAppSettings: Sendable, Hashable {
    public var appID: String
    public var privateKeyPath: String
    public var installationID: String
    public init(appID: String, privateKeyPath: String, installationID: String) {
        self.appID = appID
        self.privateKeyPath = privateKeyPath
        self.installationID = installationID
    }
}

/// `build:` — how repositories are built.
public struct BuildSettings: Sendable, Hashable {
    /// Builds at once; defaults to the number of CPU cores.
    public var maxParallel: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Limit for one repository's whole build.
    public var timeout: Duration = .seconds(30 * 60)
    /// Limit for one step; the repository's `timeout` when unset.
    public var stepTimeout: Duration?
    /// Environment variables passed through from the orchestrator's environment to builds.
    public var passEnvironment: [String] = []
    /// Extra environment variables set for every build.
    public var environment: [String: String] = [:]
    /// Largest log kept per step, in bytes; the rest is cut with a marker.
    public var maxLogBytes: Int = 16 << 20
    public init() {}
}

/// `schedules:` — when each workflow runs (cron, UTC).
public struct ScheduleSettings: Sendable, Hashable {
    public var repoSync = Self.cron("0 */6 * * *")
    public var build = Self.cron("0 0 * * *")
    public var health = Self.cron("*/15 * * * *")
    public var security = Self.cron("0 2 * * *")
    public init() {}

    static func cron(_ text: String) -> CronSchedule {
        // The defaults are constant and valid (tests parse each); midnight is the safe fallback.
        (try? CronSchedule(text)) ?? .midnight
    }
}

/// `health:` — scoring of repository health.
public struct HealthSettings: Sendable, Hashable {
    public var enabled = true
    /// Score at or above which a repository is healthy.
    public var healthyThreshold = 80
    /// Score at or above which a repository is degraded (below: unhealthy).
    public var degradedThreshold = 50
    /// Days without a commit after which a repository counts as stale.
    public var staleAfterDays = 180
    /// Days after which the last successful build counts as too old.
    public var buildStaleAfterDays = 7
    /// Days after which an open issue or pull request counts as neglected (code-host check).
    public var openItemStaleAfterDays = 90
    /// Checks that must give a result (anything but `not applicable`) for a score; fewer: `unknown`.
    public var minChecks = 6
    /// Whether unhealthy repositories get an alert (an issue, or a file for the local provider).
    public var alerts = true
    /// Least time between two reminders on an unchanged open alert.
    public var realertAfter: Duration = .seconds(24 * 3600)
    /// Per-check settings by check id.
    public var checks: [String: CheckSettings] = [:]
    public init() {}
}

/// `health.checks.<id>:`
public struct CheckSettings: Sendable, Hashable {
    public var enabled: Bool?
    public var weight: Double?
    /// Whether a failure of this check alone makes a repository unhealthy.
    public var critical: Bool?
    public init(enabled: Bool? = nil, weight: Double? = nil, critical: Bool? = nil) {
        self.enabled = enabled
        self.weight = weight
        self.critical = critical
    }
}

/// `healing:` — automatic repair.
public struct HealingSettings: Sendable, Hashable {
    public var enabled = true
    /// Heal attempts per repository within `window`.
    public var maxAttemptsPerRepository = 3
    public var window: Duration = .seconds(24 * 3600)
    /// Share of builds in `window` that may be retries, organization-wide (percent).
    public var orgRetryBudgetPercent = 10
    /// Failed heals in a row that open a repository's circuit breaker.
    public var circuitBreakerThreshold = 3
    /// Time an open circuit waits before one trial heal.
    public var circuitBreakerCooldown: Duration = .seconds(6 * 3600)
    /// Failure category → action replacements of the default decision table.
    public var strategies: [String: String] = [:]
    /// Base and cap of the exponential backoff (full jitter) between retries.
    public var backoffBase: Duration = .seconds(30)
    public var backoffCap: Duration = .seconds(3600)
    public init() {}
}

/// `security:` — secret and dependency scanning.
public struct SecuritySettings: Sendable, Hashable {
    public var secrets = true
    public var dependencies = true
    /// Offline OSV database folder.
    public var osvDatabase = ".infinity/osv"
    /// Lowest severity that makes `scan` exit 1.
    public var failOn = "high"
    /// A user rules file extending the shipped secret rules.
    public var rulesFile: String?
    /// Path globs never scanned.
    public var skipPaths: [String] = []
    /// Whether the code host's own alerts (GitHub code scanning, secret scanning, Dependabot) are
    /// merged into the findings; nil: on exactly when the provider is `github`.
    public var githubAlerts: Bool?
    public init() {}

    /// `github_alerts` as it applies to `provider` (default: on for `github`, off otherwise).
    public func githubAlertsEnabled(for provider: ProviderKind) -> Bool {
        provider == .github && (githubAlerts ?? true)
    }
}

/// `paths:` — where the orchestrator keeps its files, relative to the project root.
public struct PathSettings: Sendable, Hashable {
    public var stateDirectory = ".infinity"
    public var manifest = "config/repositories.json"
    public init() {}
}

/// `overrides.<repo>:` in orchestrator.yml, or a repository's own `.infinity.yml`.
public struct RepositoryOverride: Sendable, Hashable, Codable {
    public var setup: String?
    public var install: String?
    public var build: String?
    public var test: String?
    /// Leave the repository out of builds.
    public var skip: Bool?
    /// Names of repositories of the organization this one depends on, added to what is detected.
    public var dependsOn: [String]?
    public var timeout: Duration?

    public init(setup: String? = nil, install: String? = nil, build: String? = nil, test: String? = nil,
                skip: Bool? = nil, dependsOn: [String]? = nil, timeout: Duration? = nil) {
        self.setup = setup
        self.install = install
        self.build = build
        self.test = test
        self.skip = skip
        self.dependsOn = dependsOn
        self.timeout = timeout
    }

    /// `other`'s values where it has them, ours elsewhere.
    public func overlaid(by other: RepositoryOverride?) -> RepositoryOverride {
        guard let other else { return self }
        return RepositoryOverride(
            setup: other.setup ?? setup, install: other.install ?? install,
            build: other.build ?? build, test: other.test ?? test,
            skip: other.skip ?? skip, dependsOn: other.dependsOn ?? dependsOn,
            timeout: other.timeout ?? timeout
        )
    }

    public var isEmpty: Bool { self == RepositoryOverride() }
}
