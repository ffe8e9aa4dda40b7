import Foundation
import InfinityModel

/// The run's summary in the markdown shape of a GitHub Actions job summary: a headline,
/// counts, the failures with the last lines of their logs, and every repository.
/// Kept under GitHub's 1 MiB step-summary limit by capping rows and log excerpts.
public enum BuildSummary {
    /// Most repositories listed in the full table.
    public static let maxRows = 1000
    /// Most failures shown with a log excerpt.
    public static let maxExcerpts = 20

    public static func markdown(_ report: BuildRunReport) -> String {
        var md: [String] = []
        let verdict = report.succeeded ? "✅ passed" : (report.interrupted ? "🛑 interrupted" : "❌ failed")
        md.append("## Build — \(verdict)")
        md.append("")
        md.append("**\(report.results.count + report.notStarted.count) repositories** · run `\(report.runID)` · \(DurationText.format(report.durationSeconds)) · max parallel \(report.maxParallel)")
        md.append("")
        md.append("| status | repositories |")
        md.append("|:--|--:|")
        for status in BuildStatus.allCases { md.append("| \(icon(status)) \(status.rawValue) | \(report.count(status)) |") }
        if !report.notStarted.isEmpty { md.append("| ⏸️ not started | \(report.notStarted.count) |") }
        md.append("")

        let failures = report.results.filter { $0.status == .failed || $0.status == .cancelled }
        if !failures.isEmpty {
            md.append("### ❌ Failures")
            md.append("")
            md.append("| repository | step | exit | reason | duration |")
            md.append("|:--|:--|--:|:--|--:|")
            for r in failures {
                let step = r.failedStep ?? r.detail.steps.first { $0.status == .cancelled }
                let exit = r.detail.signal.map { "signal \($0)" } ?? r.detail.exitCode.map(String.init) ?? "–"
                md.append("| \(cell(r.repository)) | \(cell(step?.name ?? "–")) | \(exit) | \(cell(r.detail.reason ?? r.status.rawValue)) | \(DurationText.format(r.detail.durationSeconds)) |")
            }
            md.append("")
            for r in failures.prefix(maxExcerpts) {
                guard let step = r.failedStep ?? r.detail.steps.first(where: { $0.status == .cancelled }), let log = step.log,
                      let tail = LogText.tail(log), !tail.isEmpty else { continue }
                md.append("<details><summary><code>\(html(r.repository))</code> · \(html(step.name)) — last lines of <code>\(html(log))</code></summary>")
                md.append("")
                let fence = String(repeating: "`", count: max(3, longestBacktickRun(tail) + 1))
                md.append(fence + "text")
                md.append(tail)
                md.append(fence)
                md.append("")
                md.append("</details>")
                md.append("")
            }
        }

        md.append("### Repositories")
        md.append("")
        md.append("| repository | status | why | duration | steps |")
        md.append("|:--|:--|:--|--:|:--|")
        for r in report.results.prefix(maxRows) {
            let why = r.status == .skipped ? (r.detail.reason ?? "skipped") : (report.explanations[r.repository].map { "\(report.reasons[r.repository]?.label ?? ""): \($0)" } ?? (report.reasons[r.repository]?.label ?? ""))
            let steps = r.detail.steps.map { "\($0.name) \(stepIcon($0.status))" }.joined(separator: " · ")
            let duration = r.status == .cached ? "cached" : DurationText.format(r.detail.durationSeconds)
            md.append("| \(cell(r.repository)) | \(icon(r.status)) \(r.status.rawValue) | \(cell(why)) | \(duration) | \(cell(steps)) |")
        }
        if report.results.count > maxRows { md.append("| … | \(report.results.count - maxRows) more in `results.json` | | | |") }
        for name in report.notStarted.prefix(max(0, maxRows - report.results.count)) {
            md.append("| \(cell(name)) | ⏸️ not started | the run was interrupted | | |")
        }
        md.append("")
        if !report.problems.isEmpty {
            md.append("### Problems")
            md.append("")
            for p in report.problems { md.append("- \(html(p))") }
            md.append("")
        }
        md.append("Logs, `results.json` and `junit.xml`: `\(report.runDirectory)`")
        md.append("")
        return md.joined(separator: "\n")
    }

    static func icon(_ status: BuildStatus) -> String {
        switch status {
        case .succeeded: return "✅"
        case .failed: return "❌"
        case .cancelled: return "🛑"
        case .skipped: return "⏭️"
        case .cached: return "💾"
        }
    }

    static func stepIcon(_ status: StepResult.Status) -> String {
        switch status {
        case .succeeded: return "✅"
        case .failed: return "❌"
        case .cancelled: return "🛑"
        case .skipped: return "⏭️"
        }
    }

    /// Text safe inside a markdown table cell: no pipes, newlines, HTML or control characters.
    static func cell(_ text: String) -> String {
        html(LogText.clean(text)).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "`", with: "\\`")
    }

    static func html(_ text: String) -> String {
        LogText.clean(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var best = 0, run = 0
        for ch in text.utf8 {
            if ch == UInt8(ascii: "`") { run += 1; best = max(best, run) } else { run = 0 }
        }
        return best
    }
}
