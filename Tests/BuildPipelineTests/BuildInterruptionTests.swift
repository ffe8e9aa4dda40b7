import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import InfinitySystem
import Testing

@Suite("Build interruption")
struct BuildInterruptionTests {
    @Test("cancelling a run stops its process trees, records running builds cancelled, keeps finished ones, and the next run picks up")
    func interruptAndResume() async throws {
        let f = try BuildFixture()
        f.settings.maxParallel = 2
        f.settings.environment["PIDS"] = f.dir.url("pid")
        f.settings.environment["GATE"] = f.dir.url("gate")
        try await f.add("quick", steps: [.build: "true"])
        try await f.add("long", steps: [.build: "test -f \"$GATE\" && exit 0; sleep 60 & echo $! > \"$PIDS\"; wait"])
        try await f.add("after-long", steps: [.build: "true"], dependsOn: ["long"])
        let pipeline = f.pipeline()
        let manifest = f.manifest
        let task = Task { try await pipeline.build(manifest: manifest, options: BuildOptions(killGrace: .milliseconds(500), appendStepSummary: false)) }
        #expect(try await eventually { !f.text("pid").isEmpty && (try? f.store.results(repository: "quick", stage: "build").first) != nil })
        let child = try #require(Int32(f.text("pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        task.cancel()
        let report = try await task.value
        #expect(report.interrupted && !report.succeeded)
        #expect(report.result("quick")?.status == .succeeded)
        #expect(report.result("long")?.status == .cancelled)
        #expect(report.result("after-long") == nil)
        #expect(report.notStarted == ["after-long"])
        #expect(try await eventually(5) { !isRunning(child) })
        #expect(try f.store.results(repository: "long", stage: "build").first?.status == "cancelled")
        #expect(try f.store.runs(workflow: "build").first?.status == .cancelled)

        // The next run builds only what did not finish.
        _ = FileManager.default.createFile(atPath: f.dir.url("gate"), contents: Data())
        let plan = try await f.plan()
        #expect(plan.entry("quick")?.action == .cached)
        #expect(plan.entry("long")?.reason == .retry)
        #expect(plan.entry("long")?.explanation == "last build of this key was interrupted")
        #expect(plan.entry("after-long")?.reason == .neverBuilt)
        let next = try await f.build()
        #expect(next.succeeded)
        #expect(next.result("long")?.status == .succeeded && next.result("after-long")?.status == .succeeded)
    }
}
