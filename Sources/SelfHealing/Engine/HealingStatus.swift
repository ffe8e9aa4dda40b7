import Foundation
import InfinityStore

/// What `infinity heal status` shows: open incidents, time to recovery, success rates per
/// strategy and category, and the circuit breakers.
public struct HealingStatus: Sendable, Codable {
    public struct OpenIncident: Sendable, Codable {
        public var repository: String
        public var category: String
        public var openedAt: Date
        enum CodingKeys: String, CodingKey {
            case repository, category
            case openedAt = "opened_at"
        }
    }

    /// Outcomes of finished heal attempts under one key (an action or a category).
    public struct Rate: Sendable, Codable {
        public var key: String
        public var succeeded: Int
        public var failed: Int
        public var other: Int
        /// `succeeded / (succeeded + failed)`, nil when nothing succeeded or failed.
        public var successRate: Double?
        enum CodingKeys: String, CodingKey {
            case key, succeeded, failed, other
            case successRate = "success_rate"
        }
    }

    public struct Breaker: Sendable, Codable {
        public var repository: String
        public var state: String
        public var consecutiveFailures: Int
        public var openedAt: Date?
        enum CodingKeys: String, CodingKey {
            case repository, state
            case consecutiveFailures = "consecutive_failures"
            case openedAt = "opened_at"
        }
    }

    public var openIncidents: [OpenIncident]
    public var resolvedIncidents: Int
    /// Mean time to recovery over resolved incidents, in seconds.
    public var meanSecondsToRecovery: Double?
    /// Mean time to recovery per category.
    public var meanSecondsToRecoveryByCategory: [String: Double]
    public var byAction: [Rate]
    public var byCategory: [Rate]
    public var breakers: [Breaker]

    enum CodingKeys: String, CodingKey {
        case openIncidents = "open_incidents"
        case resolvedIncidents = "resolved_incidents"
        case meanSecondsToRecovery = "mttr_seconds"
        case meanSecondsToRecoveryByCategory = "mttr_seconds_by_category"
        case byAction = "by_action"
        case byCategory = "by_category"
        case breakers
    }

    /// Reads the status from the store: incidents (all), attempts since `since`.
    public static func load(store: StateStore, since: Date) throws(StoreError) -> HealingStatus {
        let incidents = try store.incidents()
        let attempts = try store.healAttempts(since: since)
        let resolved = incidents.filter { $0.resolvedAt != nil }
        func mean(_ list: [IncidentRecord]) -> Double? {
            let times = list.compactMap { i in i.resolvedAt.map { $0.timeIntervalSince(i.openedAt) } }
            return times.isEmpty ? nil : times.reduce(0, +) / Double(times.count)
        }
        var byCategory: [String: Double] = [:]
        for (category, list) in Dictionary(grouping: resolved, by: \.category) { byCategory[category] = mean(list) }
        func rates(_ key: (HealAttemptRecord) -> String) -> [Rate] {
            Dictionary(grouping: attempts.filter { $0.outcome != "pending" }, by: key).map { k, list in
                let ok = list.filter { $0.outcome == "succeeded" || $0.outcome == "proposed" }.count
                let bad = list.filter { $0.outcome == "failed" }.count
                return Rate(key: k, succeeded: ok, failed: bad, other: list.count - ok - bad,
                            successRate: ok + bad == 0 ? nil : Double(ok) / Double(ok + bad))
            }.sorted { $0.key < $1.key }
        }
        let breakers = try store.circuitBreakers().map {
            Breaker(repository: $0.repository, state: $0.state, consecutiveFailures: $0.failures, openedAt: $0.openedAt)
        }
        return HealingStatus(
            openIncidents: incidents.filter { $0.resolvedAt == nil }.map { OpenIncident(repository: $0.repository, category: $0.category, openedAt: $0.openedAt) },
            resolvedIncidents: resolved.count, meanSecondsToRecovery: mean(resolved), meanSecondsToRecoveryByCategory: byCategory,
            byAction: rates(\.action), byCategory: rates(\.category), breakers: breakers)
    }

    /// Human lines.
    public func lines(now: Date) -> [String] {
        var lines = ["open incidents: \(openIncidents.count)"]
        for i in openIncidents { lines.append("  \(i.repository): \(i.category), open for \(HealingRunReport.duration(now.timeIntervalSince(i.openedAt)))") }
        lines.append("resolved incidents: \(resolvedIncidents)" + (meanSecondsToRecovery.map { ", MTTR \(HealingRunReport.duration($0))" } ?? ""))
        for (c, s) in meanSecondsToRecoveryByCategory.sorted(by: { $0.key < $1.key }) { lines.append("  \(c): MTTR \(HealingRunReport.duration(s))") }
        func show(_ title: String, _ rates: [Rate]) {
            lines.append(title)
            if rates.isEmpty { lines.append("  (no heal attempts in the window)") }
            for r in rates {
                let rate = r.successRate.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
                lines.append("  \(r.key): \(rate) success (\(r.succeeded) ok, \(r.failed) failed, \(r.other) other)")
            }
        }
        show("by strategy:", byAction)
        show("by category:", byCategory)
        lines.append("circuit breakers:" + (breakers.isEmpty ? " none recorded (all closed)" : ""))
        for b in breakers { lines.append("  \(b.repository): \(b.state) (\(b.consecutiveFailures) failed heal(s) in a row)") }
        return lines
    }
}
