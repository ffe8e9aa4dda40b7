import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Testing

/// The `infinity` binary next to this test bundle (SwiftPM builds every product with the tests).
private let orphanTestBinary: String? = {
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
    let candidate = directory.appendingPathComponent("infinity").path
    return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
}()

/// Whether `pid` runs (a zombie counts as gone: PID 1 in a container may never reap it).
private func running(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else {
        return kill(pid, 0) == 0
    }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

@Suite("orphaned build steps (real binary)",
       .enabled(if: orphanTestBinary != nil, "needs the `infinity` executable next to the test bundle (built by `swift build --build-tests`)"))
struct OrphanedBuildCLITests {
    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory(prefix: "infinity-orphan") }

    /// Writes the config and a manifest with one repository whose build step is `command`.
    func configure(command: String, head: String) throws {
        try FileManager.default.createDirectory(atPath: dir.url("config"), withIntermediateDirectories: true)
        try Data("organization: acme\nlocal:\n  path: org\n".utf8).write(to: URL(fileURLWithPath: dir.url("config/orchestrator.yml")))
        let repo = ManifestRepository(name: "sleeper", fullName: "acme/sleeper", location: dir.url("org/sleeper"), defaultBranch: "main", headSHA: head,
                                      buildSystems: ["shell"], steps: [BuildStep(name: .build, run: command, source: "test")])
        try ManifestCoding.encode(Manifest(organization: "acme", provider: .local, repositories: [repo]))
            .write(to: URL(fileURLWithPath: dir.url("config/repositories.json")))
    }

    /// Runs `infinity build` as its own process; its exit status (-1 when killed) and output.
    func build() async throws -> (status: Int32, output: String) {
        let binary = try #require(orphanTestBinary)
        let outcome = await ProcessGroupRunner.live.run(ProcessGroupRequest(
            executable: binary, arguments: ["build", "--config", dir.url("config/orchestrator.yml")], directory: dir.path,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": dir.path, "LANG": "C.UTF-8"],
            output: .memory(maxBytes: 8 << 20), timeout: .seconds(600)))
        return (outcome.exitCode ?? -1, outcome.outputText)
    }

    func text(_ relative: String) -> String {
        ((try? String(contentsOfFile: dir.url(relative), encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a step left running by a SIGKILLed `infinity build` is stopped by the next build, which warns and fails the old run")
    func reapedByNextBuild() async throws {
        defer { dir.remove() }
        let head = try await GitFixture().makeRepository(at: dir.url("org/sleeper"), files: ["README.md": "# sleeper\n"])
        let pidFile = dir.url("step.pid")
        try configure(command: "echo $$ > '\(pidFile)'; exec sleep 600", head: head)
        var stray: Int32?
        defer { if let stray, running(stray) { kill(-stray, SIGKILL) } }

        let first = Task { try await build() }
        let records = RunningGroupRecords(directory: dir.url(".infinity/workspace/running"))
        var record: RunningGroupRecord?
        for _ in 0..<6000 where record == nil || Int32(text("step.pid")) == nil {
            record = records.list().first?.record
            try await Task.sleep(for: .milliseconds(50))
        }
        let step = try #require(Int32(text("step.pid")))
        stray = step
        let recorded = try #require(record)
        #expect(recorded.processGroup == step)
        #expect(recorded.labels["repository"] == "sleeper" && recorded.labels["step"] == "build")

        // The orchestrator dies without a chance to stop its step.
        #expect(kill(recorded.orchestratorPID, SIGKILL) == 0)
        let killed = try await first.value
        #expect(killed.status == -1)
        #expect(running(step), "the step outlives a SIGKILLed orchestrator")
        let store = try StateStore(path: dir.url(".infinity/state.sqlite"))
        let runID = try #require(recorded.labels["run_id"])
        #expect(try store.runs(workflow: "build").first { $0.id == runID }?.status == .running)

        // The next build (of a quick step) reaps the orphan before it builds.
        try configure(command: "true", head: head)
        let second = try await build()
        #expect(second.status == 0, "\(second.output)")
        #expect(!running(step), "the orphaned step was stopped")
        #expect(records.list().isEmpty)
        #expect(second.output.contains("warning"))
        #expect(second.output.contains("\"sleeper\"'s build step") || second.output.contains("sleeper's build step"), "\(second.output)")
        #expect(second.output.contains("process group \(step)"), "\(second.output)")
        let old = try #require(try store.runs(workflow: "build").first { $0.id == runID })
        #expect(old.status == .failed)
        #expect(old.summary == "orchestrator stopped (killed) during the run")
    }
}
