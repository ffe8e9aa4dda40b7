import Foundation
import InfinityModel

/// The title, body and comments of a health alert, in markdown.
enum AlertText {
    static func title(_ report: HealthReport) -> String {
        let score = report.score.map { " (score \($0)/100)" } ?? ""
        return "Health: \(cell(report.repository)) is \(report.status.rawValue)\(score)"
    }

    static func body(_ report: HealthReport, organization: String, settings: HealthSettings) -> String {
        let stamp = ISO8601DateFormatter().string(from: report.checkedAt)
        var lines: [String] = []
        let score = report.score.map { "score \($0)/100" } ?? "no score"
        lines.append("**\(cell(organization))/\(cell(report.repository))** is **\(report.status.rawValue)** — \(score) "
                     + "(healthy ≥ \(settings.healthyThreshold), degraded ≥ \(settings.degradedThreshold)), checked \(stamp)"
                     + (report.headSHA.map { " at `\($0.prefix(10))`" } ?? "") + ".")
        lines.append("")
        let failing = report.checks.filter { $0.outcome == .fail }
        if !failing.isEmpty {
            lines.append("| failing check | evidence | what to do |")
            lines.append("|---|---|---|")
            for c in failing {
                let critical = HealthScoring.isCritical(c.id, settings: settings) ? " (critical)" : ""
                lines.append("| \(cell(c.title)) (`\(c.id)`)\(critical) | \(cell(c.evidence)) | \(cell(c.remedy ?? "")) |")
            }
            lines.append("")
        }
        let warnings = report.checks.filter { $0.outcome == .warn }
        if !warnings.isEmpty {
            lines.append("Warnings:")
            for c in warnings { lines.append("- \(cell(c.title)) (`\(c.id)`): \(cell(c.evidence))") }
            lines.append("")
        }
        lines.append("_Kept in sync by Infinity Orchestrator's health monitor: updated when the failing checks change, "
                     + "reminded at most every \(DurationParser.format(settings.realertAfter)), closed when the repository is healthy again. "
                     + "Run `infinity health --repo \(cell(report.repository))` for every check._")
        return lines.joined(separator: "\n") + "\n"
    }

    static func reminder(_ report: HealthReport) -> String {
        "Still \(report.status.rawValue)" + (report.score.map { " (score \($0)/100)" } ?? "")
            + "; failing: " + report.failingChecks.joined(separator: ", ") + "."
    }

    static func closing(_ report: HealthReport) -> String {
        "Healthy again" + (report.score.map { " (score \($0)/100)" } ?? "") + "; closing."
    }

    /// Text made safe for one markdown table cell: no line breaks, pipes or HTML.
    static func cell(_ text: String) -> String {
        var out = ""
        for ch in DisplayName.quote(text) {
            switch ch {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
