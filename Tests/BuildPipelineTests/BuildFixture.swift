import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport

/// A temp project for build tests: real git repositories under `org/`, a state folder, a
/// store, and a manifest kept in memory (the pipeline takes it as a value).
final class BuildFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let git = GitFixture()
    var repositories: [String: ManifestRepository] = [:]
    var settings = BuildSettings()
    var environment: [String: String]
    let store: StateStore

    var root: String { dir.path }
    var org: String { dir.url("org") }
    var state: String { dir.url(".infinity") }

    init() throws {
        dir = try TemporaryDirectory(prefix: "infinity-build")
        store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        settings.maxParallel = 4
        settings.timeout = .seconds(60)
        let real = ProcessInfo.processInfo.environment
        environment = ["PATH": real["PATH"] ?? "/usr/bin:/bin", "HOME": real["HOME"] ?? dir.path, "LANG": "C.UTF-8"]
    }

    deinit { dir.remove() }

    /// Creates a repository with `files` and these steps; returns its head.
    @discardableResult
    func add(_ name: String, system: String = "shell", steps: [BuildStep.Name: String], files: [String: String] = [:],
             dependsOn: [String] = []) async throws -> String {
        let path = Paths.join(org, name)
        var content = files
        if content.isEmpty { content["README.md"] = "# \(name)\n" }
        let sha = try await git.makeRepository(at: path, files: content)
        repositories[name] = ManifestRepository(
            name: name, fullName: "test/\(name)", location: path, defaultBranch: "main", headSHA: sha,
            buildSystems: [system], steps: steps.map { BuildStep(name: $0.key, run: $0.value, source: "test") }.sorted { $0.name < $1.name },
            dependencies: dependsOn.map { RepositoryDependency(repository: $0, declaredIn: "test", via: $0) })
        return sha
    }

    /// Commits a change to `name` and moves its manifest head.
    @discardableResult
    func change(_ name: String, files: [String: String]) async throws -> String {
        let sha = try await git.commit(in: Paths.join(org, name), files: files)
        repositories[name]?.headSHA = sha
        return sha
    }

    var manifest: Manifest { Manifest(organization: "test", provider: .local, repositories: Array(repositories.values)) }

    func pipeline(processes: ProcessGroupRunner = .live) -> BuildPipeline {
        var configuration = OrchestratorConfiguration()
        configuration.build = settings
        return BuildPipeline(configuration: configuration, stateDirectory: state, store: store, environment: environment, processes: processes)
    }

    /// Plans and runs with `options` (no step-summary appending unless asked).
    func build(_ options: BuildOptions = BuildOptions(appendStepSummary: false), events: BuildEventSink = .none) async throws -> BuildRunReport {
        try await pipeline().build(manifest: manifest, options: options, events: events)
    }

    func plan(_ options: BuildOptions = BuildOptions()) async throws -> BuildPlan {
        try await pipeline().plan(manifest: manifest, options: options)
    }

    /// A file under the fixture as text (empty when missing).
    func text(_ relative: String) -> String {
        (try? String(contentsOfFile: relative.hasPrefix("/") ? relative : dir.url(relative), encoding: .utf8)) ?? ""
    }

    /// The first and last step logs of a result (empty when missing).
    func firstLog(_ result: RepositoryBuildResult?) -> String { result?.detail.steps.first?.log.map { text($0) } ?? "" }
    func lastLog(_ result: RepositoryBuildResult?) -> String { result?.detail.steps.last?.log.map { text($0) } ?? "" }

    /// The latest stored `build` detail of a repository, as loose JSON.
    func storedDetail(_ repository: String) throws -> [String: Any] {
        let record = try store.results(repository: repository, stage: "build", limit: 1).first
        let data = Data((record?.detail ?? "{}").utf8)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
