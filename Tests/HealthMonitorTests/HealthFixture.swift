import CodeHosts
import Foundation
import HealthMonitor
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport

/// A temp project for health tests: git repositories in `org/`, a manifest naming them, a
/// real SQLite store, local alert files and a clock the test moves.
final class HealthFixture: Sendable {
    let dir: TemporaryDirectory
    let store: StateStore
    let clock: TestClock
    let git = GitFixture()
    var manifestPath: String { dir.url("config/repositories.json") }
    var alertsDirectory: String { dir.url(".infinity/alerts") }
    var storePath: String { dir.url(".infinity/state.sqlite") }

    /// Commit time of fixture repositories; the clock starts a day later.
    static let commitDate = 1_700_000_000

    init() throws {
        dir = try TemporaryDirectory(prefix: "infinity-health")
        store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        clock = TestClock(Date(timeIntervalSince1970: Double(Self.commitDate + 86_400)))
    }

    deinit { dir.remove() }

    /// Files of a repository that passes every content check.
    static let healthyFiles: [String: String] = [
        "README.md": "# fixture\n",
        "LICENSE": "MIT License\n",
        "SECURITY.md": "Report to security@example.invalid\n",
        ".github/CODEOWNERS": "* @team\n",
        ".gitignore": ".build/\n",
        ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n",
        ".github/workflows/ci.yml": """
            name: ci
            on: [push, pull_request]
            permissions:
              contents: read
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
                  - run: make test

            """,
        "Makefile": "test:\n\t@true\n",
    ]

    /// Creates `org/<name>` with `files` committed and returns its manifest entry.
    func repository(_ name: String, files: [String: String], date: Int = HealthFixture.commitDate) async throws -> ManifestRepository {
        let path = dir.url("org/\(name)")
        let sha = try await git.makeRepository(at: path, files: files, date: date)
        return ManifestRepository(name: name, fullName: "fixture/\(name)", location: path, defaultBranch: "main", headSHA: sha,
                                  lastCommitAt: Date(timeIntervalSince1970: Double(date)))
    }

    /// Commits more files to an existing repository and returns its updated entry.
    func commit(_ entry: ManifestRepository, files: [String: String], date: Int) async throws -> ManifestRepository {
        var e = entry
        e.headSHA = try await git.commit(in: entry.location, files: files, date: date)
        e.lastCommitAt = Date(timeIntervalSince1970: Double(date))
        return e
    }

    func writeManifest(_ repositories: [ManifestRepository]) throws {
        let manifest = Manifest(organization: "fixture", provider: .local, repositories: repositories)
        try AtomicFile.write(try ManifestCoding.encode(manifest), to: manifestPath)
    }

    func readManifest() throws -> Manifest {
        try ManifestCoding.decode(Data(contentsOf: URL(fileURLWithPath: manifestPath)), file: manifestPath)
    }

    var configuration: OrchestratorConfiguration {
        var c = OrchestratorConfiguration()
        c.organization = "fixture"
        c.local.path = dir.url("org")
        c.build.maxParallel = 4
        return c
    }

    /// A monitor over the fixture; `store` defaults to the fixture's (pass another instance to act as a second process).
    func monitor(configuration: OrchestratorConfiguration? = nil, store: StateStore? = nil, alerts: Bool = true) -> HealthMonitor {
        let config = configuration ?? self.configuration
        let host = LocalFolderHost(organization: "fixture", folder: dir.url("org"), listed: [], cloneDirectory: dir.url(".infinity/workspace/sources"),
                                   inspector: .cli())
        return HealthMonitor(configuration: config, host: host, signals: LocalHostSignals(),
                             alerts: alerts ? LocalAlertChannel(directory: alertsDirectory, clock: clock.wallClock) : nil,
                             store: store ?? self.store, clock: clock.wallClock)
    }

    /// Records a build result the way the build pipeline does (the contract of `repository_results`).
    func recordBuild(_ repository: String, status: String, head: String?, duration: Double = 12.5, failedStep: String? = nil,
                     exitCode: Int? = nil, at date: Date? = nil) throws -> String {
        let when = date ?? clock.now
        let run = try store.beginRun(workflow: "build", trigger: "test", at: when)
        var detail: [String: Any] = ["duration_seconds": duration, "timed_out": false, "log_dir": "/logs/\(repository)"]
        detail["head_sha"] = head
        detail["failed_step"] = failedStep
        detail["exit_code"] = exitCode
        let json = String(decoding: try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), as: UTF8.self)
        try store.recordResults([RepositoryResultRecord(runID: run.id, repository: repository, stage: "build", status: status,
                                                        startedAt: when.addingTimeInterval(-duration), finishedAt: when, detail: json)])
        try store.finishRun(run.id, status: status == "failed" ? .failed : .succeeded, summary: nil, at: when)
        return run.id
    }

    /// Alert files currently on disk.
    func alertFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: alertsDirectory)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    func alertText(_ file: String) throws -> String {
        try String(contentsOfFile: alertsDirectory + "/" + file, encoding: .utf8)
    }
}
