import Foundation
import InfinityModel
import InfinitySystem

/// Builds one repository: prepares its work tree (and those of the repositories it depends
/// on), then runs its steps in order — setup → install → build → test — each with its own
/// log, exit status, duration and time limit, stopping at the first failure.
struct RepositoryBuilder: Sendable {
    var settings: BuildSettings
    var overrides: [String: RepositoryOverride]
    var orchestratorEnvironment: [String: String]
    /// `<state>/cache`.
    var cacheRoot: String
    /// `<state>/workspace/tmp`.
    var temporaryRoot: String
    var processes: ProcessGroupRunner
    var fileSystem: FileSystem
    var clock: WallClock
    var trees: WorkTrees
    var repositories: [String: ManifestRepository]
    var dependencies: [String: [String]]
    var options: BuildOptions
    /// `<state>/workspace/running`: each running step's process group is recorded there
    /// (see `BuildPipeline.reapOrphanedSteps`); nil: not recorded.
    var runningRecords: String? = nil
    /// The run the steps belong to, recorded with their groups.
    var runID: String? = nil

    /// Runs `entry` and describes the outcome; never throws — every problem is a result.
    func build(_ entry: BuildPlanEntry, logDirectory: String, events: BuildEventSink) async -> RepositoryBuildResult {
        let startedAt = clock.now()
        let started = ContinuousClock.now
        let repo = entry.manifestEntry
        var detail = BuildDetail(cacheKey: entry.cacheKey, ownKey: entry.ownKey, headSHA: entry.headSHA, ecosystem: entry.ecosystem,
                                 logDir: logDirectory, workTree: trees.path(for: repo.name), partial: options.onlySteps != nil)
        func finish(_ status: BuildStatus) -> RepositoryBuildResult {
            detail.durationSeconds = DurationText.seconds(.now - started)
            if let failed = detail.steps.first(where: { $0.status == .failed || $0.status == .cancelled }) {
                detail.failedStep = failed.status == .failed ? failed.name : nil
                detail.exitCode = failed.exitCode
                detail.signal = failed.signal
                detail.timedOut = failed.timedOut
                detail.reason = detail.reason ?? failed.reason
            }
            return RepositoryBuildResult(repository: repo.name, status: status, startedAt: startedAt, finishedAt: clock.now(), detail: detail)
        }

        // The work tree, the trees of what it depends on, a fresh TMPDIR, the log folder.
        let cache = Paths.join(cacheRoot, entry.ecosystem)
        let temporary = Paths.join(temporaryRoot, PathComponent.safe(repo.name))
        let prepareStart = ContinuousClock.now
        if let problem = await prepare(repo, logDirectory: logDirectory, cache: cache, temporary: temporary) {
            let log = Paths.join(logDirectory, "prepare.log")
            let written = (try? fileSystem.writeText(problem + "\n", to: log)) != nil
            detail.steps = [StepResult(name: "prepare", status: .failed, command: "prepare the work tree", durationSeconds: DurationText.seconds(.now - prepareStart),
                                       log: written ? log : nil, reason: problem)]
            return finish(Task.isCancelled ? .cancelled : .failed)
        }
        defer { try? fileSystem.removeItem(temporary) }

        let environment = BuildEnvironment.make(settings: settings, orchestrator: orchestratorEnvironment, cacheDirectory: cache,
                                                temporaryDirectory: temporary, repository: repo.name, headSHA: repo.headSHA, ecosystem: entry.ecosystem)
        let repositoryLimit = overrides[repo.name]?.timeout ?? settings.timeout
        let stepLimit = settings.stepTimeout ?? repositoryLimit
        let steps = repo.steps.sorted { $0.name < $1.name }.filter { options.onlySteps?.contains($0.name) ?? true }
        var stopped: BuildStatus?
        for step in steps {
            let log = Paths.join(logDirectory, step.name.rawValue + ".log")
            if let stopped {
                detail.steps.append(StepResult(name: step.name.rawValue, status: stopped == .cancelled ? .cancelled : .skipped, command: step.run,
                                               reason: stopped == .cancelled ? "the run was interrupted" : "an earlier step failed"))
                continue
            }
            if Task.isCancelled {
                stopped = .cancelled
                detail.steps.append(StepResult(name: step.name.rawValue, status: .cancelled, command: step.run, reason: "the run was interrupted"))
                continue
            }
            let remaining = repositoryLimit - (.now - started)
            guard remaining > .zero else {
                stopped = .failed
                detail.steps.append(StepResult(name: step.name.rawValue, status: .failed, command: step.run, timedOut: true,
                                               reason: "the repository's time limit (\(DurationText.format(repositoryLimit))) ran out before this step"))
                continue
            }
            let limit = min(stepLimit, remaining)
            events.send(.stepStarted(repository: repo.name, step: step.name.rawValue))
            var request = ProcessGroupRequest.shell(step.run, directory: trees.path(for: repo.name), environment: environment,
                                                    output: .file(path: log, maxBytes: settings.maxLogBytes), timeout: limit, killGrace: options.killGrace)
            if let runningRecords {
                var labels = ["repository": repo.name, "step": step.name.rawValue]
                labels["run_id"] = runID
                request.registration = RunningGroupRegistration(directory: runningRecords, labels: labels)
            }
            let outcome = await processes.run(request)
            if case .failedToStart(let why) = outcome.termination, !outcome.cancelled {
                try? fileSystem.writeText("[infinity] the step could not start: \(why)\n", to: log)
            }
            let result = Self.stepResult(step, outcome: outcome, log: log, logExists: fileSystem.kindOfItem(log) == .file, limit: limit,
                                         repositoryLimit: remaining < stepLimit)
            detail.steps.append(result)
            if result.status == .cancelled { stopped = .cancelled } else if result.status != .succeeded { stopped = .failed }
        }
        return finish(stopped ?? .succeeded)
    }

    /// Prepares everything the steps need; a problem in words, or nil.
    func prepare(_ repo: ManifestRepository, logDirectory: String, cache: String, temporary: String) async -> String? {
        do {
            try fileSystem.createDirectory(logDirectory)
            try fileSystem.createDirectory(cache)
            try fileSystem.removeItem(temporary)
            try fileSystem.createDirectory(temporary)
        } catch {
            return "\(error)"
        }
        return await prepareTrees(repo)
    }

    /// Checks out the work trees of `repo` and of what it depends on (each once per run);
    /// a problem in words, or nil. The scheduler calls it ahead of time for queued repositories.
    func prepareTrees(_ repo: ManifestRepository) async -> String? {
        for name in transitiveDependencies(of: repo.name) {
            guard let dep = repositories[name], dep.headSHA != nil else { continue }
            if case .failure(let e) = await trees.prepare(dep) { return "dependency \(DisplayName.quote(name)): \(e)" }
        }
        if case .failure(let e) = await trees.prepare(repo) { return e.description }
        return nil
    }

    /// Everything `name` depends on, directly or not, dependencies first.
    func transitiveDependencies(of name: String) -> [String] {
        var seen = Set<String>([name]), order: [String] = []
        var stack = dependencies[name] ?? []
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            order.append(next)
            stack.append(contentsOf: dependencies[next] ?? [])
        }
        return order.reversed()
    }

    /// A step's result from its process outcome, with the failure in words.
    static func stepResult(_ step: BuildStep, outcome: ProcessGroupOutcome, log: String, logExists: Bool, limit: Duration, repositoryLimit: Bool) -> StepResult {
        var result = StepResult(name: step.name.rawValue, status: .succeeded, command: step.run, exitCode: outcome.exitCode, signal: outcome.signal,
                                timedOut: outcome.timedOut, durationSeconds: DurationText.seconds(outcome.duration), log: log,
                                logTruncated: outcome.truncated)
        var notes: [String] = []
        if outcome.cancelled {
            result.status = .cancelled
            notes.append("the run was interrupted")
        } else if outcome.timedOut {
            result.status = .failed
            notes.append("timed out after \(DurationText.format(limit))" + (repositoryLimit ? " (the repository's time limit)" : "") + "; its process group was stopped")
        } else if case .failedToStart(let why) = outcome.termination {
            result.status = .failed
            result.log = logExists ? log : nil
            notes.append("could not start: \(why)")
        } else if let code = outcome.exitCode, code != 0 {
            result.status = .failed
            switch code {
            case 127: notes.append("command not found (exit 127)")
            case 126: notes.append("command not executable (exit 126)")
            default: notes.append("exited with status \(code)")
            }
        } else if let signal = outcome.signal {
            result.status = .failed
            notes.append("killed by signal \(signal)")
        }
        if outcome.truncated { notes.append("log truncated after \(outcome.keptBytes) bytes of \(outcome.outputBytes)") }
        if let error = outcome.outputError { notes.append("the log could not be written in full: \(error)") }
        if outcome.outputAbandoned { notes.append("a process outside the step kept its output open") }
        result.reason = notes.isEmpty ? nil : notes.joined(separator: "; ")
        return result
    }
}
