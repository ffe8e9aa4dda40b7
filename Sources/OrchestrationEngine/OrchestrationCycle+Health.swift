import Foundation
import HealthMonitor
import InfinityModel
import InfinityStore

extension OrchestrationCycle {
    /// Health as a stage: scores every repository of the manifest, records the results,
    /// syncs alerts and asks for healing where a build failed. Unhealthy repositories do not
    /// fail the stage; only a pass that cannot run does.
    func healthStage(store: StateStore, runID: String) async -> StageReport {
        guard context.configuration.health.enabled else {
            return StageReport(name: "health", status: .skipped, lines: ["health is disabled (health.enabled: false)"])
        }
        do {
            let monitor = try context.makeHealthMonitor(store: store)
            let result = try await monitor.run(manifestPath: context.manifestPath, options: HealthPassOptions(runID: runID))
            var lines = [HealthText.counts(result.reports)]
            let attention = result.reports.filter { $0.status != .healthy || $0.scoreFell }
            for line in HealthText.table(Array(attention.prefix(15))).dropFirst() { lines.append("  " + line) }
            if attention.count > 15 { lines.append("  … and \(attention.count - 15) more (`infinity health`)") }
            lines += HealthText.actions(result)
            return StageReport(name: "health", status: .succeeded, lines: lines, diagnostics: result.diagnostics)
        } catch {
            return StageReport(name: "health", status: .failed, lines: ["health failed: \(error)"],
                               diagnostics: [Diagnostic(.error, "\(error)")])
        }
    }
}
