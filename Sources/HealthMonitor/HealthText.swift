import Foundation
import InfinityModel
import InfinityStore

/// Plain-text renderings of health results, shared by the CLI and the cycle's summary.
public enum HealthText {
    /// A table: name, score, status, trend, failing checks.
    public static func table(_ reports: [HealthReport]) -> [String] {
        let nameWidth = min(40, max(10, reports.map { DisplayName.quote($0.repository).count }.max() ?? 10))
        var lines = [pad("REPOSITORY", nameWidth) + "  SCORE  STATUS     TREND      FAILING CHECKS"]
        for r in reports {
            let score = r.score.map { String($0) } ?? "-"
            lines.append(pad(DisplayName.quote(r.repository), nameWidth) + "  " + pad(score, 5, right: true) + "  "
                         + pad(r.status.rawValue, 9) + "  " + pad(trend(r), 9) + "  "
                         + (r.failingChecks.isEmpty ? "-" : r.failingChecks.joined(separator: ", ")))
        }
        return lines
    }

    /// `▼ from 85` when the score fell, `▲ from 60` when it rose, `=` when unchanged, `new` without a previous score.
    public static func trend(_ r: HealthReport) -> String {
        guard let score = r.score else { return "-" }
        guard let previous = r.previousScore else { return "new" }
        if score < previous { return "▼ from \(previous)" }
        if score > previous { return "▲ from \(previous)" }
        return "="
    }

    /// One line of counts per status.
    public static func counts(_ reports: [HealthReport]) -> String {
        var c: [HealthSummary.Status: Int] = [:]
        for r in reports { c[r.status, default: 0] += 1 }
        return "\(reports.count) repositor\(reports.count == 1 ? "y" : "ies"): " + HealthSummary.Status.allCases.map { "\(c[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// Every check of one report, with evidence and remedy.
    public static func details(_ r: HealthReport) -> [String] {
        var lines: [String] = []
        let idWidth = r.checks.map(\.id.count).max() ?? 10
        for c in r.checks {
            lines.append("  " + pad(c.outcome.label, 4) + "  " + pad(c.id, idWidth) + "  " + String(format: "%4.0f", c.weight) + "  " + DisplayName.quote(c.evidence))
            if let remedy = c.remedy { lines.append("        " + String(repeating: " ", count: idWidth + 6) + "→ " + remedy) }
        }
        return lines
    }

    /// Lines saying what happened to alerts and healing.
    public static func actions(_ result: HealthPassResult) -> [String] {
        var lines: [String] = []
        for a in result.alerts {
            let past: [AlertAction.Kind: String] = [.open: "opened", .update: "updated", .remind: "reminded", .close: "closed"]
            let verb: String
            switch a.outcome {
            case .planned: verb = "would be \(past[a.kind] ?? a.kind.rawValue)"
            case .done: verb = past[a.kind] ?? a.kind.rawValue
            case .failed: verb = "\(a.kind.rawValue) failed"
            case .superseded: verb = "\(a.kind.rawValue) left to another pass"
            }
            lines.append("alert \(verb): \(DisplayName.quote(a.repository))" + (a.reference.map { " → \($0)" } ?? "")
                         + (a.outcome == .failed ? " (\(a.detail))" : ""))
        }
        for h in result.healing {
            switch h.outcome {
            case .requested: lines.append("healing requested for \(DisplayName.quote(h.repository)) (request \(h.requestID ?? 0), \(h.detail))")
            case .planned: lines.append("would request healing for \(DisplayName.quote(h.repository)) (\(h.detail))")
            case .alreadyOpen: lines.append("healing already requested for \(DisplayName.quote(h.repository)) (request \(h.requestID ?? 0))")
            case .alreadyHandled: lines.append("healing for \(DisplayName.quote(h.repository)) already handled for \(h.detail)")
            case .failed: lines.append("healing request for \(DisplayName.quote(h.repository)) failed: \(h.detail)")
            }
        }
        return lines
    }

    static func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
        if s.count >= n { return s }
        let fill = String(repeating: " ", count: n - s.count)
        return right ? fill + s : s + fill
    }
}

extension HealthText {
    /// A repository's score over time, oldest first, with a bar and a flag where it fell.
    /// `entries` come newest first, as the store returns them.
    public static func history(_ entries: [HealthHistoryEntry]) -> [String] {
        var lines = ["CHECKED AT            SCORE  STATUS     FAILING CHECKS"]
        var previous: Int?
        let f = ISO8601DateFormatter()
        for e in entries.reversed() {
            let score = e.score.map { String($0) } ?? "-"
            let bar = e.score.map { String(repeating: "█", count: max(0, min(20, $0 / 5))) } ?? ""
            var flag = ""
            if let s = e.score, let p = previous, s < p { flag = "  ▼ fell from \(p)" }
            lines.append(f.string(from: e.checkedAt) + "  " + pad(score, 5, right: true) + "  " + pad(e.status.rawValue, 9) + "  "
                         + pad(e.failingChecks.isEmpty ? "-" : e.failingChecks.joined(separator: ", "), 30) + " " + bar + flag)
            if let s = e.score { previous = s }
        }
        return lines
    }

    /// Whether the newest entry's score is below the one before it.
    public static func fell(_ entries: [HealthHistoryEntry]) -> Bool {
        let scored = entries.compactMap(\.score)
        guard scored.count >= 2 else { return false }
        return scored[0] < scored[1]
    }
}
