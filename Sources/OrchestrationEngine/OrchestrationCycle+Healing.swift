import CodeHosts
import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import SelfHealing

extension OrchestrationCycle {
    /// Healing as a stage: classifies every failed build, applies the strategy within the
    /// budgets and circuit breakers, and records attempts, incidents and audit entries.
    /// Repositories it could not heal are warnings; the stage fails only when it cannot run.
    func healingStage(store: StateStore, runID: String, after previous: [StageReport]) async -> StageReport {
        guard context.configuration.healing.enabled else {
            return StageReport(name: "heal", status: .skipped, lines: ["healing is disabled (healing.enabled: false)"])
        }
        if previous.contains(where: { $0.name == "build" && $0.status == .skipped }) {
            return StageReport(name: "heal", status: .skipped, lines: ["skipped: no build ran"])
        }
        do {
            let manifest = try BuildPipeline.loadManifest(context.manifestPath, fileSystem: context.fileSystem)
            let engine = try context.makeHealingEngine(store: store)
            let report = try await engine.run(manifest: manifest, options: HealingOptions(runID: runID))
            var diagnostics: [Diagnostic] = []
            for o in report.outcomes where o.result == .failed || o.result == .alerted || o.result == .reported {
                diagnostics.append(Diagnostic(.warning, repository: o.item.repository, location: o.report,
                                              "\(o.item.category.rawValue) → \(o.item.action.rawValue): \(o.result.rawValue)"))
            }
            for p in report.problems { diagnostics.append(Diagnostic(.error, p)) }
            return StageReport(name: "heal", status: .succeeded, lines: report.lines, diagnostics: diagnostics)
        } catch {
            return StageReport(name: "heal", status: .failed, lines: ["healing failed: \(error)"], diagnostics: [Diagnostic(.error, "\(error)")])
        }
    }
}

extension OrchestratorContext {
    /// The healing engine over this context's configuration, state and seams.
    /// With `provider: github`, verified changes become pull requests through the change proposer;
    /// for the local provider they are local `infinity/heal/…` branches.
    public func makeHealingEngine(store: StateStore) throws(HealingError) -> HealingEngine {
        var engine = try HealingEngine(configuration: configuration, stateDirectory: stateDirectory, store: store, environment: environment,
                                       fileSystem: fileSystem, clock: clock, git: git, proposals: pullRequestSink(), logger: logger)
        // Hosted repositories are rebuilt from and cloned out of their source mirrors.
        engine.sources = try? makeRepositorySources()
        if configuration.provider == .github, let runner = try? makeWorkflowRunner() {
            // Retries also re-run the failed jobs of the latest failed GitHub Actions run.
            engine.hostRerun = { repository in
                guard let run = try await runner.latestFailedRun(repository: repository.fullName, branch: repository.defaultBranch ?? "main") else { return nil }
                try await runner.rerunFailedJobs(repository: repository.fullName, run: run)
                return run.url
            }
        }
        return engine
    }

    /// The pull-request sink for the GitHub provider; nil (the local branch sink) otherwise.
    func pullRequestSink() -> (any HealProposalSink)? {
        guard configuration.provider == .github, let proposer = try? makeChangeProposer(),
              let data = try? fileSystem.readFile(manifestPath),
              let manifest = try? ManifestCoding.decode(data, file: manifestPath) else { return nil }
        var repositories: [String: (fullName: String, defaultBranch: String)] = [:]
        for r in manifest.repositories { repositories[r.name] = (r.fullName, r.defaultBranch ?? "main") }
        return PullRequestProposalSink(proposer: proposer, repositories: repositories, fileSystem: fileSystem)
    }
}
