import Foundation
import Yams

/// Where a resolved setting came from.
public enum SettingOrigin: String, Sendable, Hashable, Codable {
    case `default`
    case file
    case flag
}

/// A configuration together with the origin of each setting that did not come from the defaults.
public struct LoadedConfiguration: Sendable {
    public var configuration: OrchestratorConfiguration
    /// Key paths (`build.max_parallel`) set by the file or by flags; absent keys are defaults.
    public var origins: [String: SettingOrigin]
    /// The file that was read, if any.
    public var file: String?

    public init(configuration: OrchestratorConfiguration, origins: [String: SettingOrigin] = [:], file: String? = nil) {
        self.configuration = configuration
        self.origins = origins
        self.file = file
    }

    /// The origin of the setting at `keyPath`, or of the nearest enclosing key that was set.
    public func origin(of keyPath: String) -> SettingOrigin {
        var path = keyPath
        while true {
            if let o = origins[path] { return o }
            guard let dot = path.lastIndex(of: ".") else { return .default }
            path = String(path[..<dot])
        }
    }
}

extension OrchestratorConfiguration {
    /// Top-level keys of `orchestrator.yml`.
    static let topLevelKeys = [
        "organization", "provider", "local", "github", "include", "exclude", "skip_archived", "skip_forks",
        "build", "schedules", "health", "healing", "security", "paths", "overrides",
    ]

    /// The failure categories `healing.strategies` may name (the classifier's categories).
    public static let failureCategories = [
        "compile_error", "lint_error", "vulnerable_dependency", "dependency_resolution", "cache_corruption", "config_error",
        "test_failure", "flaky_test", "timeout", "out_of_memory", "disk_full", "network", "infrastructure", "auth", "unknown",
    ]

    /// The actions `healing.strategies` may name.
    public static let healingActions = [
        "clear_cache", "update_dependencies", "rerun", "report", "reset_config", "retry", "retry_once", "clean_workspace",
        "retry_low_parallelism", "alert", "autofix_lint", "bump_vulnerable",
    ]

    /// Decodes `text` (the contents of `file`) over the defaults. Throws `ConfigurationErrors`
    /// listing every problem with its file:line:column; nothing is returned half-read.
    public static func decode(yaml text: String, file: String) throws(ConfigurationErrors) -> LoadedConfiguration {
        let reader = YAMLReader(file: file)
        var config = OrchestratorConfiguration()
        var origins: [String: SettingOrigin] = [:]
        if let root = reader.parse(text), let top = root.mapping(allowing: topLevelKeys) {
            for (key, value) in top.pairs {
                // A mapping's own keys are marked where they are read; `overrides` entries are free-form.
                if case .mapping = value.node, key != "overrides" { continue }
                origins[value.path] = .file
            }
            config.read(top, origins: &origins)
            config.crossCheck(top)
        }
        if !reader.errors.isEmpty { throw ConfigurationErrors(reader.errors) }
        return LoadedConfiguration(configuration: config, origins: origins, file: file)
    }

    private mutating func read(_ top: YAMLReader.Mapping, origins: inout [String: SettingOrigin]) {
        func mark(_ m: YAMLReader.Mapping) { for (_, v) in m.pairs { origins[v.path] = .file } }

        // organization: the organization's display name.
        if let v = top["organization"]?.string() { organization = v }
        // provider: `local` (default) or `github`.
        if let v = top["provider"]?.choice(ProviderKind.allCases.map(\.rawValue)), let kind = ProviderKind(rawValue: v) { provider = kind }

        // local: { path, repositories }
        if let m = top["local"]?.mapping(allowing: ["path", "repositories"]) {
            mark(m)
            // local.path: a folder whose direct children that are git repositories are the organization.
            if let v = m["path"]?.string() { local.path = v }
            // local.repositories: git URLs or paths to clone into the workspace.
            if let v = m["repositories"]?.stringList() { local.repositories = v }
        }

        // github: { org, user, api_url, token_env, app, max_concurrent_requests, topics, visibility }
        if let m = top["github"]?.mapping(allowing: ["org", "user", "api_url", "token_env", "app", "max_concurrent_requests", "topics", "visibility"]) {
            mark(m)
            if let v = m["org"]?.string() { github.org = v }
            if let v = m["user"]?.string() { github.user = v }
            if let node = m["api_url"], let v = node.string() {
                if let url = URL(string: v), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
                    github.apiURL = v.hasSuffix("/") ? String(v.dropLast()) : v
                } else {
                    node.fail(.invalidValue, "`github.api_url` must be an http(s) URL such as https://api.github.com or https://HOST/api/v3")
                }
            }
            if let v = m["token_env"]?.string() { github.tokenEnv = v }
            // github.max_concurrent_requests: 1…100, default 8.
            if let v = m["max_concurrent_requests"]?.int(in: 1...100) { github.maxConcurrentRequests = v }
            if let v = m["topics"]?.stringList() { github.topics = v }
            if let v = m["visibility"]?.choice(["all", "public", "private", "internal"]) { github.visibility = v }
            if let app = m["app"]?.mapping(allowing: ["id", "private_key_path", "installation_id"]) {
                mark(app)
                let id = app.require("id").flatMap { $0.scalarText() }
                let key = app.require("private_key_path")?.string()
                let inst = app.require("installation_id").flatMap { $0.scalarText() }
                if let id, let key, let inst { github.app = GitHubAppSettings(appID: id, privateKeyPath: key, installationID: inst) }
            }
        }

        // include / exclude: repository name globs (`*`, `?`, `[a-z]`).
        if let v = top["include"]?.stringList() { include = v.map(Glob.init) }
        if let v = top["exclude"]?.stringList() { exclude = v.map(Glob.init) }
        if let v = top["skip_archived"]?.bool() { skipArchived = v }
        if let v = top["skip_forks"]?.bool() { skipForks = v }

        // build: { max_parallel, timeout, step_timeout, pass_env, env, max_log_bytes }
        if let m = top["build"]?.mapping(allowing: ["max_parallel", "timeout", "step_timeout", "pass_env", "env", "max_log_bytes"]) {
            mark(m)
            // build.max_parallel: builds at once, 1…256; default: CPU cores.
            if let v = m["max_parallel"]?.int(in: 1...256) { build.maxParallel = v }
            // build.timeout: one repository's whole build; default 30m.
            if let v = m["timeout"]?.duration() { build.timeout = v }
            // build.step_timeout: one step; default: build.timeout.
            if let v = m["step_timeout"]?.duration() { build.stepTimeout = v }
            // build.pass_env: names of variables passed from the orchestrator's environment.
            if let v = m["pass_env"]?.stringList() { build.passEnvironment = v }
            // build.env: variables set for every build.
            if let entries = m["env"]?.openMapping() {
                for entry in entries { if let s = entry.value.scalarText() { build.environment[entry.key] = s } }
            }
            // build.max_log_bytes: cap per step log (4 KiB … 1 GiB), default 16 MiB.
            if let v = m["max_log_bytes"]?.int(in: 4096...(1 << 30)) { build.maxLogBytes = v }
        }

        // schedules: cron expressions (UTC) per workflow.
        if let m = top["schedules"]?.mapping(allowing: ["repo_sync", "build", "health", "security"]) {
            mark(m)
            func cron(_ key: String) -> CronSchedule? {
                guard let node = m[key], let text = node.string() else { return nil }
                do { return try CronSchedule(text) } catch {
                    node.fail(.invalidValue, "`schedules.\(key)`: \(error.message)", remedy: "write five fields, e.g. \"*/15 * * * *\"")
                    return nil
                }
            }
            if let v = cron("repo_sync") { schedules.repoSync = v }
            if let v = cron("build") { schedules.build = v }
            if let v = cron("health") { schedules.health = v }
            if let v = cron("security") { schedules.security = v }
        }

        // health: { enabled, thresholds: { healthy, degraded }, stale_after_days, build_stale_after_days,
        //           open_item_stale_after_days, min_checks, alerts, realert_after, checks: { id: { enabled, weight } } }
        if let m = top["health"]?.mapping(allowing: ["enabled", "thresholds", "stale_after_days", "build_stale_after_days",
                                                     "open_item_stale_after_days", "min_checks", "alerts", "realert_after", "checks"]) {
            mark(m)
            // health.enabled: run the health stage at all; default true.
            if let v = m["enabled"]?.bool() { health.enabled = v }
            // health.thresholds.healthy / .degraded: score (0…100) at or above which a repository is
            // healthy / degraded; below degraded it is unhealthy. Defaults 80 and 50.
            if let t = m["thresholds"]?.mapping(allowing: ["healthy", "degraded"]) {
                mark(t)
                if let v = t["healthy"]?.int(in: 0...100) { health.healthyThreshold = v }
                if let v = t["degraded"]?.int(in: 0...100) { health.degradedThreshold = v }
            }
            // health.stale_after_days: days without a commit before the `activity` check fails; default 180.
            if let v = m["stale_after_days"]?.int(in: 1...36_500) { health.staleAfterDays = v }
            // health.build_stale_after_days: age of the last successful build before `build-age` warns; default 7.
            if let v = m["build_stale_after_days"]?.int(in: 1...36_500) { health.buildStaleAfterDays = v }
            // health.open_item_stale_after_days: age of the oldest open issue / PR before `open-items` warns; default 90.
            if let v = m["open_item_stale_after_days"]?.int(in: 1...36_500) { health.openItemStaleAfterDays = v }
            // health.min_checks: checks that must give a result for a score, else `unknown`; default 6.
            if let v = m["min_checks"]?.int(in: 1...100) { health.minChecks = v }
            // health.alerts: open, update and close an alert per unhealthy repository; default true.
            if let v = m["alerts"]?.bool() { health.alerts = v }
            // health.realert_after: least time between reminders on an unchanged open alert; default 24h.
            if let v = m["realert_after"]?.duration() { health.realertAfter = v }
            // health.checks.<id>: { enabled, weight (0…100), critical } per check id (`infinity health --list-checks`);
            // `critical: true` makes a failure of that check alone mark the repository unhealthy.
            if let entries = m["checks"]?.openMapping() {
                for entry in entries {
                    guard let c = entry.value.mapping(allowing: ["enabled", "weight", "critical"]) else { continue }
                    health.checks[entry.key] = CheckSettings(enabled: c["enabled"]?.bool(), weight: c["weight"]?.double(in: 0...100),
                                                             critical: c["critical"]?.bool())
                }
            }
        }

        // healing: budgets and circuit breaker.
        if let m = top["healing"]?.mapping(allowing: ["enabled", "max_attempts_per_repository", "window", "org_retry_budget_percent", "circuit_breaker_threshold", "circuit_breaker_cooldown", "strategies", "backoff_base", "backoff_cap"]) {
            mark(m)
            if let v = m["enabled"]?.bool() { healing.enabled = v }
            if let v = m["max_attempts_per_repository"]?.int(in: 0...100) { healing.maxAttemptsPerRepository = v }
            if let v = m["window"]?.duration() { healing.window = v }
            if let v = m["org_retry_budget_percent"]?.int(in: 0...100) { healing.orgRetryBudgetPercent = v }
            if let v = m["circuit_breaker_threshold"]?.int(in: 1...100) { healing.circuitBreakerThreshold = v }
            if let v = m["circuit_breaker_cooldown"]?.duration() { healing.circuitBreakerCooldown = v }
            // healing.backoff_base / backoff_cap: exponential backoff with full jitter between retries.
            if let v = m["backoff_base"]?.duration() { healing.backoffBase = v }
            if let v = m["backoff_cap"]?.duration() { healing.backoffCap = v }
            // healing.strategies: { <failure category>: <action> } replacing the default decision table.
            if let entries = m["strategies"]?.openMapping() {
                for entry in entries {
                    guard let action = entry.value.string() else { continue }
                    guard Self.failureCategories.contains(entry.key) else {
                        let near = EditDistance.nearest(to: entry.key, in: Self.failureCategories)
                        entry.value.fail(.unknownKey, "`healing.strategies.\(entry.key)` is not a failure category",
                                         remedy: near.map { "did you mean `\($0)`?" } ?? "categories: \(Self.failureCategories.joined(separator: ", "))")
                        continue
                    }
                    guard Self.healingActions.contains(action) else {
                        let near = EditDistance.nearest(to: action, in: Self.healingActions)
                        entry.value.fail(.invalidValue, "`healing.strategies.\(entry.key)` has no action `\(action)`",
                                         remedy: near.map { "did you mean `\($0)`?" } ?? "actions: \(Self.healingActions.joined(separator: ", "))")
                        continue
                    }
                    if entry.key == "auth" && !["alert", "report"].contains(action) {
                        entry.value.fail(.invalidValue, "authentication failures are never retried", remedy: "use `alert` or `report`")
                        continue
                    }
                    healing.strategies[entry.key] = action
                }
            }
        }

        // security: { secrets, dependencies, osv_db, fail_on, rules_file, skip_paths, github_alerts }
        if let m = top["security"]?.mapping(allowing: ["secrets", "dependencies", "osv_db", "fail_on", "rules_file", "skip_paths", "github_alerts"]) {
            mark(m)
            if let v = m["secrets"]?.bool() { security.secrets = v }
            if let v = m["dependencies"]?.bool() { security.dependencies = v }
            if let v = m["osv_db"]?.string() { security.osvDatabase = v }
            if let v = m["fail_on"]?.choice(["low", "medium", "high", "critical"]) { security.failOn = v }
            if let v = m["rules_file"]?.string() { security.rulesFile = v }
            if let v = m["skip_paths"]?.stringList() { security.skipPaths = v }
            // github_alerts: merge GitHub's code-scanning, secret-scanning and Dependabot alerts
            // into the findings (default: true with `provider: github`); needs the github provider.
            if let node = m["github_alerts"], let v = node.bool() {
                security.githubAlerts = v
                if v && provider != .github {
                    node.fail(.invalidValue, "`security.github_alerts: true` needs `provider: github` (the \(provider.rawValue) provider has no alerts of its own)",
                              remedy: "remove the key or set it to false")
                }
            }
        }

        // paths: { state, manifest }, relative to the project root.
        if let m = top["paths"]?.mapping(allowing: ["state", "manifest"]) {
            mark(m)
            if let v = m["state"]?.string() { paths.stateDirectory = v }
            if let v = m["manifest"]?.string() { paths.manifest = v }
        }

        // overrides: { <repo name>: { setup, install, build, test, skip, depends_on, timeout } }
        if let entries = top["overrides"]?.openMapping() {
            for entry in entries {
                if let o = RepositoryOverride.read(entry.value) { overrides[entry.key] = o }
            }
        }
    }

    /// Checks that need several keys at once.
    private func crossCheck(_ top: YAMLReader.Mapping) {
        if health.degradedThreshold > health.healthyThreshold, let node = top["health"] {
            node.fail(.invalidValue, "`health.thresholds.degraded` (\(health.degradedThreshold)) is above `health.thresholds.healthy` (\(health.healthyThreshold))", remedy: "make degraded ≤ healthy")
        }
        switch provider {
        case .local:
            if local.path == nil && local.repositories.isEmpty {
                let at = top["local"] ?? top["provider"] ?? top.value
                at.fail(.missingKey, "the local provider needs `local.path` (a folder of git repositories) or `local.repositories` (a list of git URLs or paths)", remedy: "add `local:\\n  path: ./repos`")
            }
        case .github:
            if github.org == nil && github.user == nil {
                (top["github"] ?? top["provider"] ?? top.value).fail(.missingKey, "the github provider needs `github.org` or `github.user`", remedy: "add `github:\\n  org: YOUR-ORG`")
            }
            if github.org != nil && github.user != nil, let node = top["github"] {
                node.fail(.invalidValue, "`github.org` and `github.user` are both set", remedy: "keep one of them")
            }
        }
    }
}

extension RepositoryOverride {
    /// The keys of an override block and of a repository's `.infinity.yml`.
    public static let keys = ["setup", "install", "build", "test", "skip", "depends_on", "timeout"]

    /// Reads one override block; nil (with errors recorded) when it is not a mapping.
    public static func read(_ value: YAMLReader.Value) -> RepositoryOverride? {
        guard let m = value.mapping(allowing: keys) else { return nil }
        var o = RepositoryOverride()
        // setup / install / build / test: shell commands run in the repository's work tree; "" skips the step.
        o.setup = m["setup"]?.string()
        o.install = m["install"]?.string()
        o.build = m["build"]?.string()
        o.test = m["test"]?.string()
        // skip: leave the repository out of builds.
        o.skip = m["skip"]?.bool()
        // depends_on: repositories of the organization this one depends on.
        o.dependsOn = m["depends_on"]?.stringList()
        // timeout: this repository's whole-build limit.
        o.timeout = m["timeout"]?.duration()
        return o
    }

    /// Decodes a repository's own `.infinity.yml`.
    public static func decode(yaml text: String, file: String) throws(ConfigurationErrors) -> RepositoryOverride {
        let reader = YAMLReader(file: file)
        var result = RepositoryOverride()
        if let root = reader.parse(text), let o = read(root) { result = o }
        if !reader.errors.isEmpty { throw ConfigurationErrors(reader.errors) }
        return result
    }
}

extension YAMLReader.Value {
    /// A scalar's text, whatever its YAML type (numbers as written).
    public func scalarText() -> String? {
        if case .scalar(let s) = node { return s.string }
        fail(.wrongType, "`\(path)` must be a single value, found \(node.kindName)")
        return nil
    }
}
