import Foundation
import HealthMonitor
import InfinityModel
import Testing

@Suite("Scoring")
struct ScoringTests {
    func check(_ id: String, _ outcome: CheckOutcome) -> CheckResult {
        CheckResult(id: id, title: id, weight: 0, outcome: outcome, evidence: "")
    }

    var six: [CheckResult] {
        ["readme", "license", "security-policy", "codeowners", "gitignore", "activity"].map { check($0, .pass) }
    }

    @Test("pass earns the full weight, warn half, fail none; not applicable is left out")
    func weightedShare() {
        var settings = HealthSettings()
        settings.minChecks = 1
        let checks = HealthScoring.weigh([check("license", .pass), check("readme", .warn), check("activity", .fail), check("ci-status", .notApplicable)], settings: settings)
        // license 5 + readme 1.5 of 5 + 3 + 10.
        let (score, status) = HealthScoring.score(checks, settings: settings)
        #expect(score == Int((100 * 6.5 / 18).rounded()))
        #expect(status == .unhealthy)
    }

    @Test("thresholds decide healthy, degraded and unhealthy")
    func thresholds() {
        var settings = HealthSettings()
        settings.healthyThreshold = 90
        settings.degradedThreshold = 60
        let all = HealthScoring.weigh(six, settings: settings)
        #expect(HealthScoring.score(all, settings: settings).status == .healthy)
        // gitignore (1 of 24) fails: 96.
        let one = HealthScoring.weigh(six.map { $0.id == "gitignore" ? check("gitignore", .fail) : $0 }, settings: settings)
        #expect(HealthScoring.score(one, settings: settings) == (96, .healthy))
        // activity (10 of 24) fails: 58 → unhealthy under degraded 60.
        let two = HealthScoring.weigh(six.map { $0.id == "activity" ? check("activity", .fail) : $0 }, settings: settings)
        #expect(HealthScoring.score(two, settings: settings).score == 58)
        #expect(HealthScoring.score(two, settings: settings).status == .unhealthy)
        settings.degradedThreshold = 50
        #expect(HealthScoring.score(two, settings: settings).status == .degraded)
    }

    @Test("too few checks with a result give unknown and no score")
    func unknownWhenTooFew() {
        let settings = HealthSettings()
        let few = HealthScoring.weigh(Array(six.prefix(5)), settings: settings)
        #expect(HealthScoring.score(few, settings: settings).status == .unknown)
        #expect(HealthScoring.score(few, settings: settings).score == nil)
    }

    @Test("a failed critical check makes the repository unhealthy whatever the score; criticality is configurable")
    func critical() {
        var settings = HealthSettings()
        let checks = HealthScoring.weigh(six + [check("build", .fail)], settings: settings)
        let (score, status) = HealthScoring.score(checks, settings: settings)
        #expect(score == Int((100.0 * 24 / 44).rounded()))
        #expect(status == .unhealthy)
        settings.checks["gitignore"] = CheckSettings(critical: true)
        let gitignore = HealthScoring.weigh(six.map { $0.id == "gitignore" ? check("gitignore", .fail) : $0 }, settings: settings)
        #expect(HealthScoring.score(gitignore, settings: settings).status == .unhealthy)
    }

    @Test("disabled checks are dropped, weights overridden, and results come in catalog order")
    func weighing() {
        var settings = HealthSettings()
        settings.checks["readme"] = CheckSettings(enabled: false)
        settings.checks["license"] = CheckSettings(weight: 50)
        let out = HealthScoring.weigh([check("license", .pass), check("build", .pass), check("readme", .pass)], settings: settings)
        #expect(out.map(\.id) == ["build", "license"])
        #expect(out.map(\.weight) == [20, 50])
    }
}
