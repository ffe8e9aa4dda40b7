import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

extension HealingEngine {
    /// Writes `<state>/heals/<repo>-<category>-<short-sha>.md`; returns its path (nil if it could not be written).
    func writeReport(_ item: HealingPlanItem, outcome: String, extra: String?, sections: [(String, String)] = []) -> String? {
        let path = Paths.join(healsDirectory, "\(PathComponent.safe(item.repository))-\(item.category.rawValue)-\(item.shortSHA).md")
        var text = "# \(item.repository): \(item.category.rawValue)\n\n"
        text += "- commit: `\(item.headSHA ?? "unknown")`\n"
        text += "- failed step: \(item.failedStep ?? "none")\n"
        text += "- category: \(item.category.rawValue) (\(item.category.coarseClass.rawValue)), confidence \(String(format: "%.2f", item.confidence))"
        text += item.ruleID.map { ", rule `\($0)`" } ?? ""
        text += "\n- action: \(item.action.rawValue)\n- outcome: \(outcome)\n"
        if let extra { text += "- detail: \(extra)\n" }
        if let log = item.log { text += "- log: `\(log)`\n" }
        if !item.failingTests.isEmpty {
            text += "\n## Failing tests\n\n" + item.failingTests.map { "- `\($0)`" }.joined(separator: "\n") + "\n"
        }
        if !item.evidence.isEmpty {
            text += "\n## Evidence\n\n```\n" + item.evidence.prefix(20).map { "\($0.line): \($0.text)" }.joined(separator: "\n") + "\n```\n"
        }
        for (title, body) in sections { text += "\n## \(title)\n\n\(body)\n" }
        do {
            try fileSystem.createDirectory(healsDirectory)
            try fileSystem.writeText(text, to: path)
            return path
        } catch {
            return nil
        }
    }

    /// Tests that flipped (failed, then passed on a re-run of the same commit) at least twice
    /// in the window, per repository; written to `<state>/heals/quarantine.md` when any did.
    func writeQuarantine(report: inout HealingRunReport) -> String? {
        let now = clock.now()
        let attempts: [HealAttemptRecord]
        do { attempts = try store.healAttempts(since: budget.windowStart(now)) } catch {
            report.problems.append("cannot read heal attempts for the quarantine report: \(error)")
            return nil
        }
        let list = Self.quarantine(attempts)
        guard !list.isEmpty else { return nil }
        var text = "# Tests to quarantine\n\nTests that failed and then passed on a re-run of the same commit at least twice in the last \(HealingRunReport.duration(Double(settings.window.components.seconds))).\n\n"
        text += "| repository | test | flips |\n|---|---|---|\n"
        for q in list { text += "| \(q.repository) | `\(q.test)` | \(q.flips) |\n" }
        let path = Paths.join(healsDirectory, "quarantine.md")
        do {
            try fileSystem.createDirectory(healsDirectory)
            try fileSystem.writeText(text, to: path)
        } catch {
            report.problems.append("cannot write \(path): \(error)")
            return nil
        }
        return path
    }

    /// The (repository, test, flips) entries with two or more flips among `attempts`.
    static func quarantine(_ attempts: [HealAttemptRecord], threshold: Int = 2) -> [(repository: String, test: String, flips: Int)] {
        var counts: [String: [String: Int]] = [:]
        for a in attempts where a.outcome == "succeeded" {
            guard let tests = HealAttemptNote.flipTests(a.detail) else { continue }
            for t in tests.isEmpty ? ["(whole step)"] : tests { counts[a.repository, default: [:]][t, default: 0] += 1 }
        }
        return counts.flatMap { repo, tests in tests.filter { $0.value >= threshold }.map { (repository: repo, test: $0.key, flips: $0.value) } }
            .sorted { ($0.repository, $0.test) < ($1.repository, $1.test) }
    }
}
