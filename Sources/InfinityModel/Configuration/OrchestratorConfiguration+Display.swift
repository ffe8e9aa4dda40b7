import Foundation

extension OrchestratorConfiguration {
    /// Every setting as a `key path → value` pair in a stable order, for `infinity config show`.
    public var flattened: [(key: String, value: String)] {
        var out: [(String, String)] = []
        func add(_ k: String, _ v: String) { out.append((k, v)) }
        func list(_ v: [String]) -> String { "[" + v.joined(separator: ", ") + "]" }
        add("organization", organization)
        add("provider", provider.rawValue)
        add("local.path", local.path ?? "(none)")
        add("local.repositories", list(local.repositories))
        add("github.org", github.org ?? "(none)")
        add("github.user", github.user ?? "(none)")
        add("github.api_url", github.apiURL)
        add("github.token_env", github.tokenEnv ?? "GITHUB_TOKEN, then GH_TOKEN")
        add("github.app", github.app.map { "id \($0.appID), installation \($0.installationID), key \($0.privateKeyPath)" } ?? "(none)")
        add("github.max_concurrent_requests", "\(github.maxConcurrentRequests)")
        add("github.topics", list(github.topics))
        add("github.visibility", github.visibility)
        add("include", list(include.map(\.pattern)))
        add("exclude", list(exclude.map(\.pattern)))
        add("skip_archived", "\(skipArchived)")
        add("skip_forks", "\(skipForks)")
        add("build.max_parallel", "\(build.maxParallel)")
        add("build.timeout", DurationParser.format(build.timeout))
        add("build.step_timeout", build.stepTimeout.map(DurationParser.format) ?? "(build.timeout)")
        add("build.pass_env", list(build.passEnvironment))
        add("build.env", list(build.environment.keys.sorted().map { "\($0)=…" }))
        add("build.max_log_bytes", "\(build.maxLogBytes)")
        add("schedules.repo_sync", schedules.repoSync.expression)
        add("schedules.build", schedules.build.expression)
        add("schedules.health", schedules.health.expression)
        add("schedules.security", schedules.security.expression)
        add("health.enabled", "\(health.enabled)")
        add("health.thresholds.healthy", "\(health.healthyThreshold)")
        add("health.thresholds.degraded", "\(health.degradedThreshold)")
        add("health.stale_after_days", "\(health.staleAfterDays)")
        add("health.build_stale_after_days", "\(health.buildStaleAfterDays)")
        add("health.open_item_stale_after_days", "\(health.openItemStaleAfterDays)")
        add("health.min_checks", "\(health.minChecks)")
        add("health.alerts", "\(health.alerts)")
        add("health.realert_after", DurationParser.format(health.realertAfter))
        for (id, c) in health.checks.sorted(by: { $0.key < $1.key }) {
            add("health.checks.\(id)", "enabled \(c.enabled.map(String.init) ?? "default"), weight \(c.weight.map { String($0) } ?? "default"), critical \(c.critical.map(String.init) ?? "default")")
        }
        add("healing.enabled", "\(healing.enabled)")
        add("healing.max_attempts_per_repository", "\(healing.maxAttemptsPerRepository)")
        add("healing.window", DurationParser.format(healing.window))
        add("healing.org_retry_budget_percent", "\(healing.orgRetryBudgetPercent)")
        add("healing.circuit_breaker_threshold", "\(healing.circuitBreakerThreshold)")
        add("healing.circuit_breaker_cooldown", DurationParser.format(healing.circuitBreakerCooldown))
        add("healing.backoff_base", DurationParser.format(healing.backoffBase))
        add("healing.backoff_cap", DurationParser.format(healing.backoffCap))
        for (category, action) in healing.strategies.sorted(by: { $0.key < $1.key }) { add("healing.strategies.\(category)", action) }
        add("security.secrets", "\(security.secrets)")
        add("security.dependencies", "\(security.dependencies)")
        add("security.osv_db", security.osvDatabase)
        add("security.fail_on", security.failOn)
        add("security.rules_file", security.rulesFile ?? "(shipped rules only)")
        add("security.skip_paths", list(security.skipPaths))
        add("security.github_alerts", "\(security.githubAlertsEnabled(for: provider))")
        add("paths.state", paths.stateDirectory)
        add("paths.manifest", paths.manifest)
        for (name, o) in overrides.sorted(by: { $0.key < $1.key }) {
            var parts: [String] = []
            if let v = o.setup { parts.append("setup: \(v)") }
            if let v = o.install { parts.append("install: \(v)") }
            if let v = o.build { parts.append("build: \(v)") }
            if let v = o.test { parts.append("test: \(v)") }
            if let v = o.skip { parts.append("skip: \(v)") }
            if let v = o.dependsOn { parts.append("depends_on: \(list(v))") }
            if let v = o.timeout { parts.append("timeout: \(DurationParser.format(v))") }
            add("overrides.\(name)", parts.joined(separator: "; "))
        }
        return out.map { (key: $0.0, value: $0.1) }
    }
}
