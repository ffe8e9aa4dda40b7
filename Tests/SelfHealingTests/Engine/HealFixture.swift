import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import SelfHealing

/// A temp project for healing tests: real git repositories under `org/`, a state folder, a
/// real store, a test clock, and a manifest kept in memory.
final class HealFixture: @unchecked Sendable {
    let dir: TemporaryDirectory
    let git = GitFixture()
    let clock = TestClock()
    var repositories: [String: ManifestRepository] = [:]
    var configuration = OrchestratorConfiguration()
    let environment: [String: String]
    let store: StateStore

    var org: String { dir.url("org") }
    var state: String { dir.url(".infinity") }
    /// A folder outside every work tree, for marker files that make flakiness deterministic.
    var outside: String { dir.url("outside") }

    init() throws {
        dir = try TemporaryDirectory(prefix: "infinity-heal")
        store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        try FileManager.default.createDirectory(atPath: dir.url("outside"), withIntermediateDirectories: true)
        configuration.build.maxParallel = 2
        configuration.build.timeout = .seconds(60)
        let real = ProcessInfo.processInfo.environment
        environment = ["PATH": real["PATH"] ?? "/usr/bin:/bin", "HOME": real["HOME"] ?? dir.path, "LANG": "C.UTF-8"]
    }

    deinit { dir.remove() }

    /// Creates a shell repository whose steps run the given scripts (made executable).
    @discardableResult
    func add(_ name: String, steps: [BuildStep.Name: String], files: [String: String] = [:]) async throws -> String {
        let path = Paths.join(org, name)
        var content = files
        content["README.md"] = "# \(name)\n"
        let sha = try await git.makeRepository(at: path, files: content)
        repositories[name] = ManifestRepository(
            name: name, fullName: "test/\(name)", location: path, defaultBranch: "main", headSHA: sha, buildSystems: ["shell"],
            steps: steps.map { BuildStep(name: $0.key, run: $0.value, source: "test") }.sorted { $0.name < $1.name })
        return sha
    }

    var manifest: Manifest { Manifest(organization: "test", provider: .local, repositories: Array(repositories.values)) }

    func pipeline() -> BuildPipeline {
        BuildPipeline(configuration: configuration, stateDirectory: state, store: store, environment: environment, clock: clock.wallClock)
    }

    /// Builds everything, ignoring the result cache (a new build of the same commits).
    @discardableResult
    func build() async throws -> BuildRunReport {
        try await pipeline().build(manifest: manifest, options: BuildOptions(force: true, appendStepSummary: false))
    }

    func engine(random: Double = 0.5) throws -> HealingEngine {
        try HealingEngine(configuration: configuration, stateDirectory: state, store: store, environment: environment,
                          clock: clock.wallClock, random: { random })
    }

    func heal(_ options: HealingOptions = HealingOptions(), random: Double = 0.5) async throws -> HealingRunReport {
        try await engine(random: random).run(manifest: manifest, options: options)
    }

    /// The latest stored build status of a repository.
    func latestStatus(_ name: String) throws -> String? {
        try store.latestBuildResults().first { $0.repository == name }?.status
    }

    func buildCount(_ name: String) throws -> Int {
        try store.results(repository: name, stage: "build").count
    }

    func git(_ repo: String, _ args: [String]) async throws -> String {
        String(decoding: try await git.git.run(in: Paths.join(org, repo), args), as: UTF8.self)
    }
}
