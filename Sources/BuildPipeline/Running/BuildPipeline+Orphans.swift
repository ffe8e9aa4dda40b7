import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

extension BuildPipeline {
    /// What a run left `running` by a killed orchestrator is finished with.
    public static let orchestratorKilledSummary = "orchestrator stopped (killed) during the run"

    /// Stops the process groups of steps whose orchestrator died without stopping them
    /// (SIGKILL, the OOM killer, a CI timeout): each group recorded under `runningDirectory`
    /// whose orchestrator is gone — its pid absent, or reused by a process with another start
    /// time — gets SIGTERM, up to `grace` to end, then SIGKILL; its record is deleted, a
    /// warning names the repository and step, and its run, if still `running` in the store,
    /// is marked failed. Groups of a live orchestrator (a concurrent `infinity`) are left alone.
    /// Called at the start of every pipeline run; returns what was reaped.
    @discardableResult
    public func reapOrphanedSteps(grace: Duration = .seconds(5)) async -> [RunningGroupRecords.Reaped] {
        let reaped = await RunningGroupRecords(directory: runningDirectory).reapOrphans(grace: grace, sleep: clock.sleep)
        var failedRuns = Set<String>()
        for item in reaped {
            let labels = item.record.labels
            let what = "\(labels["repository"].map { DisplayName.quote($0) } ?? "a repository")'s \(labels["step"] ?? "build") step"
            let fate = item.wasRunning ? (item.killed ? "was still running and was killed (SIGKILL after SIGTERM)" : "was still running and was stopped (SIGTERM)")
                : "had already ended"
            logger.warning("an earlier infinity process (pid \(item.record.orchestratorPID)) ended without stopping its steps; \(what) (process group \(item.record.processGroup)) \(fate)",
                           metadata: ["repo.name": "\(labels["repository"] ?? "")", "build.step": "\(labels["step"] ?? "")", "run.id": "\(labels["run_id"] ?? "")"])
            guard let runID = labels["run_id"], failedRuns.insert(runID).inserted else { continue }
            do {
                if try store.failRunIfRunning(runID, summary: Self.orchestratorKilledSummary, at: clock.now()) {
                    logger.warning("run \(runID) was left running by the killed orchestrator; marked failed", metadata: ["run.id": "\(runID)"])
                }
            } catch {
                logger.warning("could not mark run \(runID) as failed: \(error)", metadata: ["run.id": "\(runID)"])
            }
        }
        return reaped
    }
}
