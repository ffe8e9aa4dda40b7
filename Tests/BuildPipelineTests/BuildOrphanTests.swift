import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("Orphaned build steps")
struct BuildOrphanTests {
    /// Starts `sleep 600` as its own process group through the live runner; returns the task
    /// (cancel it to stop the group) and the group id once the step has written it.
    func startSleeper(_ f: BuildFixture, name: String) async throws -> (Task<ProcessGroupOutcome, Never>, Int32) {
        let pidFile = f.dir.url(name + ".pid")
        let task = Task {
            await ProcessGroupRunner.live.run(.shell("echo $$ > \"$PID_FILE\"; exec sleep 600", directory: f.root,
                                                     environment: ["PATH": "/usr/bin:/bin", "PID_FILE": pidFile], output: .discard,
                                                     timeout: .seconds(900), killGrace: .milliseconds(200)))
        }
        #expect(try await eventually(120) { Int32(f.text(pidFile).trimmingCharacters(in: .whitespacesAndNewlines)) != nil })
        let pid = try #require(Int32(f.text(pidFile).trimmingCharacters(in: .whitespacesAndNewlines)))
        return (task, pid)
    }

    @Test("a group whose orchestrator lives is left alone; one whose orchestrator pid was reused is stopped, and its run marked failed")
    func liveAndReused() async throws {
        let f = try BuildFixture()
        let pipeline = f.pipeline()
        let records = RunningGroupRecords(directory: pipeline.runningDirectory)
        let me = getpid()
        let myTicks = try #require(ProcessStartTime.ticks(of: me))

        let (liveTask, live) = try await startSleeper(f, name: "live")
        defer { liveTask.cancel() }
        let (orphanTask, orphan) = try await startSleeper(f, name: "orphan")
        defer { orphanTask.cancel() }
        let run = try f.store.beginRun(workflow: "build", trigger: "manual", at: Date())

        // This test process is the live orchestrator of the first group; the second group's
        // recorded orchestrator has this pid but another start time: a reused pid, so gone.
        try records.add(RunningGroupRecord(processGroup: live, leaderStartTicks: ProcessStartTime.ticks(of: live), orchestratorPID: me,
                                           orchestratorStartTicks: myTicks, labels: ["repository": "alive", "step": "build", "run_id": "other"]))
        try records.add(RunningGroupRecord(processGroup: orphan, leaderStartTicks: ProcessStartTime.ticks(of: orphan), orchestratorPID: me,
                                           orchestratorStartTicks: myTicks + 1, labels: ["repository": "orphan", "step": "test", "run_id": run.id]))
        #expect(records.list().count == 2)

        let reaped = await pipeline.reapOrphanedSteps(grace: .seconds(30))
        #expect(reaped.map(\.record.processGroup) == [orphan])
        #expect(reaped.first?.wasRunning == true)
        // `sleep` ends on SIGTERM: no SIGKILL needed.
        #expect(reaped.first?.killed == false)
        let outcome = await orphanTask.value
        #expect(outcome.signal == SIGTERM)
        #expect(!isRunning(orphan))

        #expect(isRunning(live))
        #expect(records.list().map(\.record?.processGroup) == [live])
        let stored = try #require(try f.store.runs(workflow: "build").first { $0.id == run.id })
        #expect(stored.status == .failed)
        #expect(stored.summary == BuildPipeline.orchestratorKilledSummary)

        // Reaping again changes nothing: the live group's record stays.
        #expect(await pipeline.reapOrphanedSteps(grace: .seconds(30)).isEmpty)
        #expect(isRunning(live))
        liveTask.cancel()
        #expect(await liveTask.value.cancelled)
    }

    @Test("a step's group is recorded while it runs and its record removed when it ends")
    func recordLifecycle() async throws {
        let f = try BuildFixture()
        f.settings.environment["PID_FILE"] = f.dir.url("step.pid")
        f.settings.environment["GATE"] = f.dir.url("gate")
        try await f.add("waiter", steps: [.build: "echo $$ > \"$PID_FILE\"; while [ ! -f \"$GATE\" ]; do sleep 0.05; done"])
        let pipeline = f.pipeline()
        let manifest = f.manifest
        let task = Task { try await pipeline.build(manifest: manifest, options: BuildOptions(appendStepSummary: false)) }
        let records = RunningGroupRecords(directory: pipeline.runningDirectory)
        #expect(try await eventually(120) { !records.list().isEmpty && !f.text("step.pid").isEmpty })
        let record = try #require(records.list().first?.record)
        #expect(String(record.processGroup) == f.text("step.pid").trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(record.orchestratorPID == getpid())
        #expect(record.orchestratorStartTicks == ProcessStartTime.ticks(of: getpid()))
        #expect(record.labels["repository"] == "waiter" && record.labels["step"] == "build")
        #expect(record.orchestratorAlive)
        FileManager.default.createFile(atPath: f.dir.url("gate"), contents: Data())
        let report = try await task.value
        #expect(report.succeeded)
        #expect(record.labels["run_id"] == report.runID)
        #expect(records.list().isEmpty)
    }
}
