import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// The build pipeline: plans what needs building, runs it in isolated work trees with
/// bounded parallelism in dependency order, caches results, and reports.
///
/// The CLI (`infinity build`), the orchestration cycle and self-healing all call this type:
/// - `plan(manifest:options:)` — what would run and why (`infinity build --plan`).
/// - `run(plan:options:runID:events:)` — runs a plan; results go to the store as they finish.
/// - `build(manifest:options:runID:events:)` — both.
/// - `rerun(manifest:repositories:onlySteps:events:)` — self-healing's re-run of named
///   repositories (or just their failed steps), ignoring the result cache.
/// - `merge(resultsDirectories:)` — results built on other machines (`--merge`).
///
/// Layout under the state folder (`.infinity/`): `runs/<run-id>/<repo>/<step>.log` and the
/// run's `summary.md`, `results.json`, `junit.xml`; `workspace/trees/<repo>` work trees;
/// `workspace/tmp/<repo>` per-build temp folders; `workspace/running/<pgid>.json` records of
/// running steps (reaped after a killed orchestrator); `cache/<ecosystem>/` dependency caches.
public struct BuildPipeline: Sendable {
    public var configuration: OrchestratorConfiguration
    /// The absolute state folder (`<project>/.infinity`).
    public var stateDirectory: String
    public var store: StateStore
    /// The orchestrator's environment: only `PATH`, `HOME`, `LANG`, `GITHUB_STEP_SUMMARY`
    /// and the names in `build.pass_env` are read from it.
    public var environment: [String: String]
    public var fileSystem: FileSystem
    public var clock: WallClock
    public var git: GitCLI
    public var processes: ProcessGroupRunner
    public var toolchain: ToolchainIdentity
    /// Where the sources of hosted repositories come from (GitHub mirrors, fetched on demand);
    /// nil: the manifest's local paths and discovery's clones in `workspace/sources`.
    public var sources: (any RepositorySources)?
    public var logger: Logger

    public init(configuration: OrchestratorConfiguration, stateDirectory: String, store: StateStore,
                environment: [String: String] = ProcessInfo.processInfo.environment, fileSystem: FileSystem = .live,
                clock: WallClock = .live, git: GitCLI = GitCLI(), processes: ProcessGroupRunner = .live,
                toolchain: ToolchainIdentity? = nil, sources: (any RepositorySources)? = nil,
                logger: Logger = Logger(label: "infinity.build")) {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        self.store = store
        self.environment = environment
        self.fileSystem = fileSystem
        self.clock = clock
        self.git = git
        self.processes = processes
        self.toolchain = toolchain ?? ToolchainIdentity(processes: processes)
        self.sources = sources
        self.logger = logger
    }

    public var cacheDirectory: String { Paths.join(stateDirectory, "cache") }
    public var workspaceDirectory: String { Paths.join(stateDirectory, "workspace") }
    public var runsDirectory: String { Paths.join(stateDirectory, "runs") }
    /// Records of the process groups of running steps (`<pgid>.json`).
    public var runningDirectory: String { Self.runningDirectory(stateDirectory: stateDirectory) }
    /// `<state>/workspace/running`, for other runners of build steps (healing's verification).
    public static func runningDirectory(stateDirectory: String) -> String { Paths.join(stateDirectory, "workspace/running") }
    /// The folder of one run's logs and reports.
    public func runDirectory(_ runID: String) -> String { Paths.join(runsDirectory, PathComponent.safe(runID)) }
    /// The dependency caches.
    public var cache: BuildCache { BuildCache(stateDirectory: stateDirectory, store: store, fileSystem: fileSystem, clock: clock) }

    /// Reads the manifest at `path`.
    public static func loadManifest(_ path: String, fileSystem: FileSystem = .live) throws(BuildError) -> Manifest {
        let data: Data
        do { data = try fileSystem.readFile(path) } catch {
            throw BuildError(.manifest, "cannot read the manifest \(path)", remedy: "run `infinity discover` first", underlying: error)
        }
        do { return try ManifestCoding.decode(data, file: path) } catch {
            throw BuildError(.manifest, error.description)
        }
    }

    /// What a run over `manifest` would do, and why.
    public func plan(manifest: Manifest, options: BuildOptions = BuildOptions()) async throws(BuildError) -> BuildPlan {
        let planner = BuildPlanner(settings: configuration.build)
        let selected = try planner.selection(manifest, options)
        let graph = DependencyGraph(manifest.repositories)
        var needed = Set(selected), stack = selected
        while let name = stack.popLast() {
            for d in graph.dependencies[name] ?? [] where needed.insert(d).inserted { stack.append(d) }
        }
        let ecosystems = Set(manifest.repositories.filter { needed.contains($0.name) }.map(BuildEcosystem.of))
        let toolchains = await toolchain.identities(for: ecosystems, environment: environment, directory: stateDirectoryForProbes())
        let remembered: [String: [BuildKeyRecord]]
        do { remembered = try store.buildKeys() } catch {
            throw BuildError(.store, "cannot read the build result cache", underlying: error)
        }
        return try planner.plan(manifest: manifest, remembered: remembered, toolchains: toolchains, options: options)
    }

    /// Plans and runs.
    public func build(manifest: Manifest, options: BuildOptions = BuildOptions(), runID: String? = nil,
                      events: BuildEventSink = .none) async throws(BuildError) -> BuildRunReport {
        let plan = try await plan(manifest: manifest, options: options)
        return try await run(plan: plan, manifest: manifest, options: options, runID: runID, events: events)
    }

    /// Re-runs `repositories` whatever the cache says — all their steps, or only `onlySteps`
    /// (a failed step retried by self-healing). Results are recorded like any build.
    public func rerun(manifest: Manifest, repositories: [String], onlySteps: Set<BuildStep.Name>? = nil, trigger: String = "heal",
                      runID: String? = nil, events: BuildEventSink = .none) async throws(BuildError) -> BuildRunReport {
        let options = BuildOptions(repositories: repositories, force: true, onlySteps: onlySteps, trigger: trigger, appendStepSummary: false)
        return try await build(manifest: manifest, options: options, runID: runID, events: events)
    }

    /// Runs `plan`: reports cached and skipped entries at once, builds the rest in dependency
    /// order, records each result as it finishes, and writes the run's reports.
    /// - Parameter runID: an existing run to record under (the orchestration cycle's);
    ///   otherwise a `build` run is begun and finished here.
    public func run(plan: BuildPlan, manifest: Manifest, options: BuildOptions = BuildOptions(), runID: String? = nil,
                    events: BuildEventSink = .none) async throws(BuildError) -> BuildRunReport {
        let lock = try BuildLock.acquire(Paths.join(workspaceDirectory, "build.lock"), fileSystem: fileSystem)
        await reapOrphanedSteps(grace: options.killGrace)
        let startedAt = clock.now()
        let id: String
        if let runID { id = runID } else {
            do { id = try store.beginRun(workflow: "build", trigger: options.trigger, at: startedAt).id } catch {
                throw BuildError(.store, "cannot record the run", underlying: error)
            }
        }
        let runDir = runDirectory(id)
        let parallel = max(1, options.maxParallel ?? configuration.build.maxParallel)
        let recorder = ResultRecorder(store: store, runID: id)
        var results: [RepositoryBuildResult] = []
        events.send(.planned(total: plan.entries.count, toBuild: plan.toBuild.count, maxParallel: parallel,
                             estimatedSeconds: plan.toBuild.reduce(0) { $0 + $1.estimatedSeconds }))

        // Cached, skipped and failed-without-running entries: known before anything runs.
        for entry in plan.entries where entry.action != .build {
            let result = immediateResult(entry, runDirectory: runDir, at: startedAt)
            results.append(result)
            recorder.add(result)
            events.send(.finished(result))
        }

        let graph = DependencyGraph(manifest.repositories)
        let builder = RepositoryBuilder(
            settings: configuration.build, overrides: configuration.overrides, orchestratorEnvironment: environment,
            cacheRoot: cacheDirectory, temporaryRoot: Paths.join(workspaceDirectory, "tmp"), processes: processes,
            fileSystem: fileSystem, clock: clock,
            trees: WorkTrees(root: Paths.join(workspaceDirectory, "trees"), sourcesDirectory: Paths.join(workspaceDirectory, "sources"),
                             git: git, processes: processes, fileSystem: fileSystem, sources: sources),
            repositories: Dictionary(manifest.repositories.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }),
            dependencies: graph.dependencies, options: options, runningRecords: runningDirectory, runID: id)
        let failedOutside = Set(plan.entries.filter { $0.action == .fail }.map(\.repository))
        let logger = self.logger
        let clock = self.clock

        async let writing: Void = recorder.run()
        let outcome = await BuildScheduler(maxParallel: parallel).run(
            plan.toBuild, failedOutside: failedOutside, dependencies: graph.dependencies,
            prepareAhead: { entry in _ = await builder.prepareTrees(entry.manifestEntry) },
            afterBuild: { result in
                // Trees other repositories read (dependencies) are left as they are during the run.
                guard graph.dependents[result.repository] == nil, result.status != .cancelled,
                      let repo = builder.repositories[result.repository] else { return }
                await builder.trees.reset(repo)
            },
            build: { entry in
                events.send(.started(repository: entry.repository))
                logger.info("building", metadata: ["repo.name": "\(entry.repository)", "build.reason": "\(entry.reason.rawValue)"])
                return await builder.build(entry, logDirectory: Paths.join(runDir, PathComponent.safe(entry.repository)), events: events)
            },
            skip: { entry, root in
                var detail = BuildDetail(cacheKey: entry.cacheKey, ownKey: entry.ownKey, headSHA: entry.headSHA, ecosystem: entry.ecosystem,
                                         logDir: Paths.join(runDir, PathComponent.safe(entry.repository)))
                detail.reason = "dependency failed: \(root)"
                let now = clock.now()
                return RepositoryBuildResult(repository: entry.repository, status: .skipped, startedAt: now, finishedAt: now, detail: detail)
            },
            onResult: { result in
                recorder.add(result)
                events.send(.finished(result))
            })
        recorder.close()
        await writing
        recorder.flush()
        results += outcome.results
        withExtendedLifetime(lock) {}

        let interrupted = Task.isCancelled || !outcome.notStarted.isEmpty || outcome.results.contains { $0.status == .cancelled }
        var report = BuildRunReport(
            runID: id, startedAt: startedAt, finishedAt: clock.now(), runDirectory: runDir, results: results,
            reasons: Dictionary(plan.entries.map { ($0.repository, $0.reason) }, uniquingKeysWith: { a, _ in a }),
            explanations: Dictionary(plan.entries.map { ($0.repository, $0.explanation) }, uniquingKeysWith: { a, _ in a }),
            notStarted: outcome.notStarted, interrupted: interrupted, problems: recorder.errors, maxParallel: parallel)
        report.problems += writeReports(report, appendStepSummary: options.appendStepSummary)
        if let dir = options.resultsDirectory {
            report.problems += BuildExchange(fileSystem: fileSystem).write(report, to: dir)
        }
        if runID == nil {
            let status: RunRecord.Status = report.interrupted ? .cancelled : (report.succeeded ? .succeeded : .failed)
            do { try store.finishRun(id, status: status, summary: report.headline, at: report.finishedAt) } catch {
                report.problems.append("could not finish the run record: \(error)")
            }
        }
        return report
    }

    /// The result of an entry that does not run.
    func immediateResult(_ entry: BuildPlanEntry, runDirectory: String, at now: Date) -> RepositoryBuildResult {
        let logDir = Paths.join(runDirectory, PathComponent.safe(entry.repository))
        switch entry.action {
        case .cached:
            var detail = entry.cachedDetail ?? BuildDetail(cacheKey: entry.cacheKey, ownKey: entry.ownKey, headSHA: entry.headSHA,
                                                           ecosystem: entry.ecosystem, logDir: logDir)
            detail.cacheKey = entry.cacheKey
            detail.ownKey = entry.ownKey
            detail.cachedFromRun = entry.cachedRunID
            detail.reason = entry.explanation
            return RepositoryBuildResult(repository: entry.repository, status: .cached, startedAt: now, finishedAt: now, detail: detail)
        case .skip, .fail, .build:
            var detail = BuildDetail(cacheKey: entry.cacheKey, ownKey: entry.ownKey, headSHA: entry.headSHA, ecosystem: entry.ecosystem, logDir: logDir)
            detail.reason = entry.explanation
            return RepositoryBuildResult(repository: entry.repository, status: entry.action == .fail ? .failed : .skipped,
                                         startedAt: now, finishedAt: now, detail: detail)
        }
    }

    /// Where toolchain probes run: the state folder if it exists, else `/`.
    func stateDirectoryForProbes() -> String {
        fileSystem.kindOfItem(stateDirectory) == .directory ? stateDirectory : "/"
    }
}
