import CodeHosts
import DiscoveryEngine
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// The outcome of one stage of a cycle.
public struct StageReport: Sendable {
    public enum Status: String, Sendable, Codable {
        case succeeded, failed, skipped
    }

    public var name: String
    public var status: Status
    /// Lines for the human summary.
    public var lines: [String]
    public var diagnostics: [Diagnostic]

    public init(name: String, status: Status, lines: [String], diagnostics: [Diagnostic] = []) {
        self.name = name
        self.status = status
        self.lines = lines
        self.diagnostics = diagnostics
    }
}

/// What a full cycle did.
public struct CycleReport: Sendable {
    public var runID: String
    public var stages: [StageReport]
    public var duration: TimeInterval

    public var succeeded: Bool { stages.allSatisfy { $0.status != .failed } }
}

/// One full cycle of every stage that exists: repo sync (discovery) → build → security →
/// health → healing. Security runs before health so the health pass scores this cycle's
/// findings.
/// Each stage reads the manifest and writes to the store; a failing stage is reported and
/// the stages that do not depend on it still run.
public struct OrchestrationCycle: Sendable {
    public var context: OrchestratorContext

    public init(context: OrchestratorContext) { self.context = context }

    /// Runs the cycle and records it as a run of workflow `cycle`.
    public func run(trigger: String) async throws -> CycleReport {
        let store = try context.openStore()
        let started = context.clock.now()
        let run = try store.beginRun(workflow: "cycle", trigger: trigger, at: started)
        var stages: [StageReport] = []

        stages.append(await discoveryStage(store: store, runID: run.id))
        stages.append(await buildStage(store: store, runID: run.id, after: stages))
        stages.append(await securityStage(store: store, runID: run.id))
        stages.append(await healthStage(store: store, runID: run.id))
        stages.append(await healingStage(store: store, runID: run.id, after: stages))

        let ok = stages.allSatisfy { $0.status != .failed }
        let summary = stages.map { "\($0.name): \($0.status.rawValue)" }.joined(separator: ", ")
        try store.finishRun(run.id, status: ok ? .succeeded : .failed, summary: summary, at: context.clock.now())
        return CycleReport(runID: run.id, stages: stages, duration: context.clock.now().timeIntervalSince(started))
    }

    /// Discovery as a stage: writes the manifest and reports the changes.
    func discoveryStage(store: StateStore, runID: String) async -> StageReport {
        do {
            let engine = DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: store,
                                         fileSystem: context.fileSystem, clock: context.clock, logger: context.logger)
            let result = try await engine.discover(manifestPath: context.manifestPath, runID: runID)
            try store.recordResults(result.manifest.repositories.map {
                RepositoryResultRecord(runID: runID, repository: $0.name, stage: "discovery", status: "discovered",
                                       detail: $0.headSHA.map { "{\"head_sha\":\"\($0)\"}" })
            })
            return StageReport(name: "discovery", status: .succeeded, lines: DiscoverySummary.lines(result), diagnostics: result.diagnostics)
        } catch {
            return StageReport(name: "discovery", status: .failed, lines: ["discovery failed: \(error)"],
                               diagnostics: [Diagnostic(.error, "\(error)")])
        }
    }
}

/// Human summary lines for a discovery.
public enum DiscoverySummary {
    public static func lines(_ result: DiscoveryResult) -> [String] {
        let c = result.changes
        var lines = ["\(result.manifest.repositories.count) repositories in \(DisplayName.quote(result.manifestPath))"
            + (result.filteredOut > 0 ? " (\(result.filteredOut) filtered out)" : "")]
        lines.append("changes: \(c.added.count) added, \(c.removed.count) removed, \(c.changed.count) changed, \(c.reconfigured.count) reconfigured, \(c.unchanged.count) unchanged")
        for (label, names) in [("added", c.added), ("removed", c.removed), ("changed", c.changed), ("reconfigured", c.reconfigured)] where !names.isEmpty {
            let shown = names.prefix(10).map(DisplayName.quote).joined(separator: ", ")
            lines.append("  \(label): \(shown)\(names.count > 10 ? " … and \(names.count - 10) more" : "")")
        }
        let edges = result.manifest.repositories.reduce(0) { $0 + $1.dependencies.count }
        if edges > 0 { lines.append("dependencies between repositories: \(edges)") }
        lines.append(result.wroteManifest ? "manifest written" : "manifest unchanged")
        return lines
    }
}
