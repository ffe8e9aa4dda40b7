import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem

extension BuildPipeline {
    /// Merges results built elsewhere (`infinity build --merge D…`): records them in the store
    /// under one new `build` run (trigger `merge`), copies their logs into that run's folder,
    /// remembers their keys in the result cache, and writes the run's reports. When a
    /// repository appears more than once, the latest finished result wins.
    public func merge(resultsDirectories: [String]) async throws(BuildError) -> BuildRunReport {
        let exchange = BuildExchange(fileSystem: fileSystem)
        let (found, readProblems) = exchange.read(resultsDirectories)
        guard !found.isEmpty else {
            throw BuildError(.merge, "no build results found in \(resultsDirectories.joined(separator: ", "))",
                             remedy: "point --merge at folders written by `infinity build --results-dir`")
        }
        var latest: [String: BuildExchange.Found] = [:]
        var problems = readProblems
        for f in found {
            let name = f.exchanged.result.repository
            if let other = latest[name] {
                problems.append("\(DisplayName.quote(name)) has results in \(other.folder) and \(f.folder); the later one is kept")
                let a = other.exchanged.result.finishedAt ?? .distantPast, b = f.exchanged.result.finishedAt ?? .distantPast
                if b < a { continue }
            }
            latest[name] = f
        }

        let startedAt = clock.now()
        let run: RunRecord
        do { run = try store.beginRun(workflow: "build", trigger: "merge", at: startedAt) } catch {
            throw BuildError(.store, "cannot record the merge run", underlying: error)
        }
        let runDir = runDirectory(run.id)
        var results: [RepositoryBuildResult] = []
        var reasons: [String: PlanReason] = [:], explanations: [String: String] = [:]
        for (name, f) in latest.sorted(by: { $0.key < $1.key }) {
            var result = f.exchanged.result
            let logDir = Paths.join(runDir, PathComponent.safe(name))
            result.detail.logDir = logDir
            for (i, step) in result.detail.steps.enumerated() {
                guard let log = step.log else { continue }
                // Only a plain file name is accepted: a crafted path cannot reach outside the folder.
                let base = Paths.basename(log)
                guard base == log, base != ".", base != "..", let data = try? fileSystem.readFile(Paths.join(f.folder, base)) else {
                    result.detail.steps[i].log = nil
                    continue
                }
                let target = Paths.join(logDir, base)
                do {
                    try fileSystem.writeFileAtomically(target, data)
                    result.detail.steps[i].log = target
                } catch {
                    problems.append("could not copy the log \(base) of \(DisplayName.quote(name)): \(error)")
                    result.detail.steps[i].log = nil
                }
            }
            if result.status == .cached, result.detail.cachedFromRun == nil { result.detail.cachedFromRun = f.exchanged.runID }
            results.append(result)
            reasons[name] = f.exchanged.reason
            explanations[name] = f.exchanged.explanation.map { "\($0) (built in run \(f.exchanged.runID))" }
        }
        do {
            try store.recordBuild(results: results.map { $0.record(runID: run.id) }, keys: results.compactMap { $0.keyRecord(runID: run.id) })
        } catch {
            problems.append("could not record the merged results: \(error)")
        }
        var report = BuildRunReport(runID: run.id, startedAt: startedAt, finishedAt: clock.now(), runDirectory: runDir, results: results,
                                    reasons: reasons, explanations: explanations, problems: problems,
                                    maxParallel: configuration.build.maxParallel)
        report.problems += writeReports(report, appendStepSummary: true)
        do { try store.finishRun(run.id, status: report.succeeded ? .succeeded : .failed, summary: report.headline, at: report.finishedAt) } catch {
            report.problems.append("could not finish the run record: \(error)")
        }
        return report
    }
}
