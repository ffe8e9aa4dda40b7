import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore

extension OrchestrationCycle {
    /// Build as a stage: builds what changed since the last success (see `BuildPipeline`),
    /// recording results under the cycle's run.
    ///
    /// Failing repositories are warnings of a stage that succeeded — the health and healing
    /// stages act on them; the stage fails only when the build could not run at all or was
    /// interrupted. `infinity build` is the command whose exit status reflects failures.
    func buildStage(store: StateStore, runID: String, after previous: [StageReport]) async -> StageReport {
        if previous.contains(where: { $0.name == "discovery" && $0.status == .failed }) {
            return StageReport(name: "build", status: .skipped, lines: ["skipped: discovery failed, so the manifest may be stale"])
        }
        do {
            let manifest = try BuildPipeline.loadManifest(context.manifestPath, fileSystem: context.fileSystem)
            let pipeline = BuildPipeline(configuration: context.configuration, stateDirectory: context.stateDirectory, store: store,
                                         environment: context.environment, fileSystem: context.fileSystem, clock: context.clock,
                                         git: context.git, sources: try context.makeRepositorySources(), logger: context.logger)
            let report = try await pipeline.build(manifest: manifest, options: BuildOptions(trigger: "cycle"), runID: runID)
            var lines = [report.headline]
            var diagnostics: [Diagnostic] = []
            for r in report.results where r.status == .failed || r.status == .cancelled || (r.status == .skipped && r.detail.reason?.hasPrefix("dependency failed") == true) {
                let what = r.status == .failed ? "\(r.failedStep?.name ?? "build") failed" : r.status.rawValue
                // A work tree that could not be made (sources not fetched) says why, with its remedy.
                let why = r.detail.reason ?? (r.failedStep?.name == "prepare" ? r.failedStep?.reason : nil)
                diagnostics.append(Diagnostic(.warning, repository: r.repository, location: r.failedStep?.log,
                                              what + (why.map { ": \($0)" } ?? "")))
            }
            for p in report.problems { diagnostics.append(Diagnostic(.error, p)) }
            lines.append("summary: \(report.runDirectory)/summary.md")
            return StageReport(name: "build", status: report.interrupted ? .failed : .succeeded, lines: lines, diagnostics: diagnostics)
        } catch {
            return StageReport(name: "build", status: .failed, lines: ["build failed: \(error)"], diagnostics: [Diagnostic(.error, "\(error)")])
        }
    }
}
