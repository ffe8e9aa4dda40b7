import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import Testing

@Suite("Build result cache and plan")
struct BuildCachingTests {
    static let counted = "echo \"$INFINITY_REPOSITORY\" >> \"$COUNTER\""

    func executions(_ f: BuildFixture) -> [String] {
        f.text("counter.txt").split(separator: "\n").map(String.init)
    }

    @Test("a second run over an unchanged organization executes nothing and reports everything cached")
    func secondRunCached() async throws {
        let f = try BuildFixture()
        f.settings.environment["COUNTER"] = f.dir.url("counter.txt")
        try await f.add("a", steps: [.build: Self.counted])
        try await f.add("b", steps: [.build: Self.counted, .test: "true"], dependsOn: ["a"])
        let first = try await f.build()
        #expect(first.succeeded && executions(f).sorted() == ["a", "b"])
        let second = try await f.build()
        #expect(second.succeeded)
        #expect(second.results.allSatisfy { $0.status == .cached })
        #expect(second.result("b")?.detail.cachedFromRun == first.runID)
        #expect(second.result("b")?.detail.steps.map(\.name) == ["build", "test"])
        #expect(executions(f).count == 2)
        #expect(try f.store.latestBuildResults().map(\.status) == ["cached", "cached"])
    }

    @Test("a changed repository rebuilds with its dependents; the rest stays cached")
    func changeRebuildsDependents() async throws {
        let f = try BuildFixture()
        f.settings.environment["COUNTER"] = f.dir.url("counter.txt")
        let before = try await f.add("core", steps: [.build: Self.counted])
        try await f.add("app", steps: [.build: Self.counted], dependsOn: ["core"])
        try await f.add("tool", steps: [.build: Self.counted])
        _ = try await f.build()
        let after = try await f.change("core", files: ["core.txt": "v2"])
        let plan = try await f.plan()
        #expect(plan.entry("core")?.reason == .changed)
        #expect(plan.entry("core")?.explanation == "head \(before.prefix(7)) → \(after.prefix(7))")
        #expect(plan.entry("app")?.reason == .dependencyChanged)
        #expect(plan.entry("app")?.explanation == "dependency changed: core")
        #expect(plan.entry("tool")?.reason == .cached)
        let report = try await f.build()
        #expect(report.result("core")?.status == .succeeded && report.result("app")?.status == .succeeded)
        #expect(report.result("tool")?.status == .cached)
        #expect(executions(f).sorted() == ["app", "app", "core", "core", "tool"])
    }

    @Test("a dependency's change alone changes a dependent's key but not its own inputs")
    func dependencyChangeOnly() async throws {
        let f = try BuildFixture()
        try await f.add("core", steps: [.build: "true"])
        try await f.add("app", steps: [.build: "true"], dependsOn: ["core"])
        let first = try await f.plan()
        _ = try await f.build()
        try await f.change("core", files: ["x": "1"])
        let second = try await f.plan()
        #expect(first.entry("app")?.ownKey == second.entry("app")?.ownKey)
        #expect(first.entry("app")?.cacheKey != second.entry("app")?.cacheKey)
    }

    @Test("build commands and build.env are part of the key; values of passed variables are not")
    func keyInputs() async throws {
        let f = try BuildFixture()
        f.settings.passEnvironment = ["ROTATING"]
        f.environment["ROTATING"] = "one"
        try await f.add("a", steps: [.build: "true"])
        let base = try await f.plan().entry("a")?.cacheKey
        f.environment["ROTATING"] = "two"
        #expect(try await f.plan().entry("a")?.cacheKey == base)
        f.settings.environment["MODE"] = "release"
        let withEnv = try await f.plan().entry("a")?.cacheKey
        #expect(withEnv != base)
        f.repositories["a"]?.steps = [BuildStep(name: .build, run: "true --verbose", source: "test")]
        #expect(try await f.plan().entry("a")?.cacheKey != withEnv)
    }

    @Test("a failed build is retried next time, --all forces, --repo limits, unknown names are refused")
    func planOptions() async throws {
        let f = try BuildFixture()
        try await f.add("good", steps: [.build: "true"])
        try await f.add("bad", steps: [.build: "exit 1"])
        try await f.add("empty", steps: [:])
        let report = try await f.build()
        #expect(report.result("empty")?.status == .skipped)
        #expect(report.result("empty")?.detail.reason?.contains("no build steps") == true)
        #expect(!report.succeeded)
        let plan = try await f.plan()
        #expect(plan.entry("bad")?.reason == .retry)
        #expect(plan.entry("good")?.action == .cached)
        let forced = try await f.plan(BuildOptions(force: true))
        #expect(forced.entry("good")?.reason == .forced && forced.entry("good")?.action == .build)
        let limited = try await f.plan(BuildOptions(repositories: ["good"], force: true))
        #expect(limited.entries.map(\.repository) == ["good"])
        let error = await #expect(throws: BuildError.self) { try await f.plan(BuildOptions(repositories: ["goood"])) }
        #expect(error?.code == .unknownRepository)
        #expect(error?.description.contains("did you mean good?") == true)
    }

    @Test("self-healing's re-run runs only the named repositories' chosen steps, whatever the cache says")
    func rerunFailedSteps() async throws {
        let f = try BuildFixture()
        f.settings.environment["COUNTER"] = f.dir.url("counter.txt")
        try await f.add("flaky", steps: [.build: Self.counted, .test: "test -f \"$FLAG\""])
        try await f.add("other", steps: [.build: "true"])
        f.settings.environment["FLAG"] = f.dir.url("flag")
        let first = try await f.build()
        #expect(first.result("flaky")?.detail.failedStep == "test")
        _ = FileManager.default.createFile(atPath: f.dir.url("flag"), contents: Data())
        let rerun = try await f.pipeline().rerun(manifest: f.manifest, repositories: ["flaky"], onlySteps: [.test])
        #expect(rerun.results.map(\.repository) == ["flaky"])
        #expect(rerun.result("flaky")?.status == .succeeded)
        #expect(rerun.result("flaky")?.detail.partial == true)
        #expect(rerun.result("flaky")?.detail.steps.map(\.name) == ["test"])
        #expect(executions(f) == ["flaky"])
        #expect(try await f.plan().entry("flaky")?.action == .cached)
    }
}
