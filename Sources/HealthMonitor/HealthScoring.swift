import Foundation
import InfinityModel

/// Turns check results into a score and a status under `health:` settings.
///
/// Score: the weighted share of credit (pass 1, warn ½, fail 0) over the checks that gave a
/// result, 0…100, rounded. Status: `unknown` when fewer than `min_checks` checks gave a
/// result; otherwise by the thresholds, except that a failed critical check (default:
/// `build`, `secrets`) makes the repository unhealthy whatever its score.
public enum HealthScoring {
    /// Drops disabled checks, sets each check's weight, and orders them as the catalog does.
    public static func weigh(_ results: [CheckResult], settings: HealthSettings) -> [CheckResult] {
        let order = Dictionary(uniqueKeysWithValues: HealthCheckCatalog.all.enumerated().map { ($1.id, $0) })
        return results.compactMap { r -> CheckResult? in
            let s = settings.checks[r.id]
            if s?.enabled == false { return nil }
            var out = r
            out.weight = s?.weight ?? HealthCheckCatalog.definition(r.id)?.defaultWeight ?? 1
            return out
        }.sorted { (order[$0.id] ?? Int.max, $0.id) < (order[$1.id] ?? Int.max, $1.id) }
    }

    /// Whether a failure of check `id` alone makes a repository unhealthy.
    public static func isCritical(_ id: String, settings: HealthSettings) -> Bool {
        settings.checks[id]?.critical ?? HealthCheckCatalog.definition(id)?.critical ?? false
    }

    /// The score (nil when unknown) and status of weighed results.
    public static func score(_ checks: [CheckResult], settings: HealthSettings) -> (score: Int?, status: HealthSummary.Status) {
        let applicable = checks.filter { $0.outcome.credit != nil }
        let weight = applicable.reduce(0) { $0 + $1.weight }
        guard applicable.count >= settings.minChecks, weight > 0 else { return (nil, .unknown) }
        let earned = applicable.reduce(0) { $0 + $1.weight * ($1.outcome.credit ?? 0) }
        let score = Int((100 * earned / weight).rounded())
        if checks.contains(where: { $0.outcome == .fail && isCritical($0.id, settings: settings) }) { return (score, .unhealthy) }
        if score >= settings.healthyThreshold { return (score, .healthy) }
        if score >= settings.degradedThreshold { return (score, .degraded) }
        return (score, .unhealthy)
    }
}
