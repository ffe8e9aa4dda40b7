import Foundation
import InfinityModel
import SelfHealing
import Testing

@Suite("Healing safety: decision table, budgets, backoff, circuit breaker")
struct SafetyTests {
    @Test("the default table follows the design's decision tree")
    func defaultTable() {
        let t = StrategyTable.default
        #expect(t.action(for: .cacheCorruption) == .clearCache)
        #expect(t.action(for: .dependencyResolution) == .updateDependencies)
        #expect(t.action(for: .flakyTest) == .rerun)
        #expect(t.action(for: .testFailure) == .report)
        #expect(t.action(for: .configError) == .resetConfiguration)
        #expect(t.action(for: .network) == .retry && t.action(for: .infrastructure) == .retry)
        #expect(t.action(for: .timeout) == .retryOnce)
        #expect(t.action(for: .diskFull) == .cleanWorkspace)
        #expect(t.action(for: .outOfMemory) == .retryWithLowerParallelism)
        #expect(t.action(for: .auth) == .alertHumans)
        #expect(t.action(for: .lintError) == .autofixLint)
        #expect(t.action(for: .vulnerableDependency) == .bumpVulnerable)
        #expect(t.action(for: .compileError) == .report)
        for category in FailureCategory.allCases { #expect(t.actions[category] != nil, "\(category) has no action") }
    }

    @Test("overrides replace entries; unknown names and retried auth are refused")
    func overrides() throws {
        let t = try StrategyTable.resolving(["timeout": "retry", "test_failure": "rerun"])
        #expect(t.action(for: .timeout) == .retry && t.action(for: .testFailure) == .rerun)
        #expect(throws: StrategyTableError.self) { try StrategyTable.resolving(["timout": "retry"]) }
        #expect(throws: StrategyTableError.self) { try StrategyTable.resolving(["timeout": "retyr"]) }
        #expect(throws: StrategyTableError.self) { try StrategyTable.resolving(["auth": "retry"]) }
        do { _ = try StrategyTable.resolving(["timout": "retry"]) } catch { #expect(error.suggestion == "timeout") }
    }

    @Test("the config names the same categories and actions as the code")
    func configListsMatch() {
        #expect(Set(OrchestratorConfiguration.failureCategories) == Set(FailureCategory.allCases.map(\.rawValue)))
        #expect(Set(OrchestratorConfiguration.healingActions) == Set(HealingAction.allCases.map(\.rawValue)))
    }

    @Test("healing.strategies in orchestrator.yml is validated with positions")
    func configValidation() throws {
        let ok = try OrchestratorConfiguration.decode(yaml: "local: { path: r }\nhealing:\n  strategies:\n    timeout: retry\n", file: "o.yml")
        #expect(ok.configuration.healing.strategies == ["timeout": "retry"])
        do {
            _ = try OrchestratorConfiguration.decode(yaml: "local: { path: r }\nhealing:\n  strategies:\n    auth: retry\n    timout: retry\n", file: "o.yml")
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.count == 2)
            #expect(error.errors.contains { $0.location.line == 4 && $0.message.contains("never retried") })
            #expect(error.errors.contains { $0.location.line == 5 && $0.remedy == "did you mean `timeout`?" })
        }
    }

    @Test("the repository budget allows 3 attempts per window; the org budget caps retries at a share of builds")
    func budgets() {
        let b = HealingBudget(maxAttemptsPerRepository: 3, window: .seconds(86_400), orgRetryBudgetPercent: 10)
        #expect(b.check(repositoryAttempts: 2, orgRetries: 0, orgBuilds: 100, retriesBuild: true) == nil)
        #expect(b.check(repositoryAttempts: 3, orgRetries: 0, orgBuilds: 100, retriesBuild: true) == .repositoryBudgetSpent(attempts: 3, limit: 3))
        #expect(b.check(repositoryAttempts: 0, orgRetries: 9, orgBuilds: 100, retriesBuild: true) == nil)
        #expect(b.check(repositoryAttempts: 0, orgRetries: 10, orgBuilds: 100, retriesBuild: true) == .organizationBudgetSpent(retries: 10, limit: 10, builds: 100))
        // A report spends no retry budget; a tiny organization still gets one retry.
        #expect(b.check(repositoryAttempts: 0, orgRetries: 10, orgBuilds: 100, retriesBuild: false) == nil)
        #expect(b.check(repositoryAttempts: 0, orgRetries: 0, orgBuilds: 3, retriesBuild: true) == nil)
        #expect(b.check(repositoryAttempts: 0, orgRetries: 1, orgBuilds: 3, retriesBuild: true) != nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(b.windowStart(now) == now.addingTimeInterval(-86_400))
    }

    @Test("backoff grows exponentially to the cap and jitter stays within it")
    func backoff() {
        let b = Backoff(base: .seconds(30), cap: .seconds(600))
        #expect(b.ceiling(attempt: 0) == .seconds(30))
        #expect(b.ceiling(attempt: 1) == .seconds(60))
        #expect(b.ceiling(attempt: 3) == .seconds(240))
        #expect(b.ceiling(attempt: 10) == .seconds(600))
        #expect(b.ceiling(attempt: 1000) == .seconds(600))
        #expect(b.delay(attempt: 2, random: 0) == .zero)
        #expect(b.delay(attempt: 2, random: 0.5) == .seconds(60))
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<8 {
            let d = b.delay(attempt: attempt, random: Double.random(in: 0..<1, using: &generator))
            #expect(d >= .zero && d < b.ceiling(attempt: attempt))
        }
    }

    @Test("the circuit breaker opens after N failures, half-opens after the cool-down, and resets by hand")
    func circuitBreaker() {
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        var cb = CircuitBreaker()
        let first = cb.allows(at: t0, cooldown: .seconds(3600))
        #expect(first)
        cb.record(success: false, at: t0, threshold: 3)
        cb.record(success: false, at: t0, threshold: 3)
        #expect(cb.state == .closed)
        cb.record(success: false, at: t0, threshold: 3)
        #expect(cb.state == .open && cb.openedAt == t0)
        let early = cb.allows(at: t0.addingTimeInterval(3599), cooldown: .seconds(3600))
        #expect(!early)
        let later = cb.allows(at: t0.addingTimeInterval(3600), cooldown: .seconds(3600))
        #expect(later)
        #expect(cb.state == .halfOpen)
        // A failed trial opens it again at once; a successful one closes it.
        cb.record(success: false, at: t0.addingTimeInterval(3601), threshold: 3)
        #expect(cb.state == .open && cb.openedAt == t0.addingTimeInterval(3601))
        let trial = cb.allows(at: t0.addingTimeInterval(7300), cooldown: .seconds(3600))
        #expect(trial)
        cb.record(success: true, at: t0.addingTimeInterval(7300), threshold: 3)
        #expect(cb.state == .closed && cb.consecutiveFailures == 0)
        cb.record(success: false, at: t0, threshold: 1)
        #expect(cb.state == .open)
        cb.reset()
        let afterReset = cb.allows(at: t0, cooldown: .seconds(3600))
        #expect(cb.state == .closed && afterReset)
    }
}
