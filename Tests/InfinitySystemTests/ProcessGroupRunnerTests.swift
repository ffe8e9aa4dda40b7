import Foundation
import InfinitySystem
import InfinityTestSupport
import Testing

/// Whether a process is still running (a zombie counts as gone: PID 1 in a container may not reap).
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return false }
    let state = stat[stat.index(close, offsetBy: 2)]
    return state != "Z" && state != "X"
}

/// Whether a process is gone, allowing a loaded machine some seconds to finish killing it.
func isGone(_ pid: Int32) async -> Bool {
    for _ in 0..<200 {
        if !isRunning(pid) { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}

/// Reads a pid a step wrote, waiting briefly for the file to appear.
func readPID(_ path: String) async throws -> Int32 {
    for _ in 0..<200 {
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw CocoaError(.fileReadNoSuchFile)
}

@Suite("Process groups")
struct ProcessGroupRunnerTests {
    let runner = ProcessGroupRunner.live
    let env = ["PATH": "/usr/bin:/bin"]

    @Test("output goes to the log, the exit status comes back and the environment is exactly the one given")
    func exitAndEnvironment() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.url("logs/step.log")
        let outcome = await runner.run(.shell("echo out; echo err >&2; env | sort; exit 3", directory: dir.path,
                                              environment: ["PATH": "/usr/bin:/bin", "ONLY": "this"], output: .file(path: log, maxBytes: 1 << 20), timeout: .seconds(30)))
        #expect(outcome.exitCode == 3 && !outcome.succeeded && !outcome.timedOut)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("out\n") && text.contains("err\n"))
        let vars = Set(text.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(vars.isSuperset(of: ["PATH", "ONLY"]))
        #expect(!vars.contains("HOME") && !vars.contains("GITHUB_TOKEN"))
        #expect(text.contains("PWD=\(dir.path)"))
    }

    @Test("a timeout kills the whole group, even a leader and a child that ignore SIGTERM")
    func timeoutKillsIgnoringGroup() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let script = "trap '' TERM; sleep 600 & echo $! > child.pid; while :; do sleep 1; done"
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await runner.run(.shell(script, directory: dir.path, environment: env, output: .discard,
                                              timeout: .milliseconds(300), killGrace: .milliseconds(300)))
        #expect(outcome.timedOut)
        #expect(outcome.signal == SIGKILL)
        #expect(clock.now - start < .seconds(120))  // far below the 600 s the children would live
        let child = try await readPID(dir.url("child.pid"))
        #expect(await isGone(child))
    }

    @Test("background children die with the step and do not hold it open")
    func backgroundChildrenAreReaped() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await runner.run(.shell("sleep 600 & echo $! > bg.pid; echo started", directory: dir.path, environment: env,
                                              output: .memory(maxBytes: 1024), timeout: .seconds(60)))
        #expect(outcome.succeeded)
        #expect(outcome.outputText == "started\n")
        #expect(clock.now - start < .seconds(120))  // far below the 600 s the children would live
        #expect(await isGone(try await readPID(dir.url("bg.pid"))))
    }

    @Test("output past the cap is cut with a marker and drained, never written")
    func logCap() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.url("big.log")
        let outcome = await runner.run(.shell("head -c 20000000 /dev/zero; echo done >&2", directory: dir.path, environment: env,
                                              output: .file(path: log, maxBytes: 4096), timeout: .seconds(60)))
        #expect(outcome.succeeded)
        #expect(outcome.truncated && outcome.keptBytes == 4096)
        #expect(outcome.outputBytes == 20_000_005)
        let data = try Data(contentsOf: URL(fileURLWithPath: log))
        #expect(data.count < 4096 + 400)
        #expect(String(decoding: data.suffix(300), as: UTF8.self).contains("log truncated"))
    }

    @Test("cancelling the task stops the group and reports it cancelled")
    func cancellation() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let runner = self.runner, env = self.env
        let task = Task {
            await runner.run(.shell("sleep 600 & echo $! > c.pid; wait", directory: dir.path, environment: env, output: .discard,
                                    timeout: .seconds(60), killGrace: .milliseconds(500)))
        }
        let child = try await readPID(dir.url("c.pid"))
        task.cancel()
        let outcome = await task.value
        #expect(outcome.cancelled && !outcome.succeeded)
        #expect(await isGone(child))
    }

    @Test("a missing working directory or an unwritable log is a clear failure to start")
    func failuresToStart() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = await runner.run(.shell("true", directory: dir.url("nope"), environment: env, output: .discard, timeout: nil))
        guard case .failedToStart(let why) = missing.termination else { Issue.record("expected a failure to start"); return }
        #expect(why.contains("does not exist"))
        try Data().write(to: URL(fileURLWithPath: dir.url("file")))
        let badLog = await runner.run(.shell("true", directory: dir.path, environment: env, output: .file(path: dir.url("file/x.log"), maxBytes: 100), timeout: nil))
        guard case .failedToStart(let reason) = badLog.termination else { Issue.record("expected a failure to start"); return }
        #expect(reason.contains("cannot open the log"))
    }

    @Test("a full disk under the log stops writing but the step runs to its end")
    func fullDisk() async throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else { return }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outcome = await runner.run(.shell("head -c 100000 /dev/zero; exit 0", directory: dir.path, environment: env,
                                              output: .file(path: "/dev/full", maxBytes: 1 << 20), timeout: .seconds(30)))
        #expect(outcome.exitCode == 0)
        #expect(outcome.outputError?.contains("space") == true)
        #expect(outcome.outputBytes == 100_000)
    }

    @Test("a process that escapes the group and keeps the output open is abandoned after the drain grace")
    func escapedHolder() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") else { return }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var request = ProcessGroupRequest.shell("setsid sh -c 'echo $$ > escaped.pid; exec sleep 600' & sleep 0.2; echo bye", directory: dir.path,
                                                environment: env, output: .memory(maxBytes: 1024), timeout: .seconds(30))
        request.drainGrace = .milliseconds(300)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = await runner.run(request)
        let escaped = try await readPID(dir.url("escaped.pid"))
        kill(escaped, SIGKILL)
        #expect(outcome.exitCode == 0)
        #expect(outcome.outputAbandoned)
        #expect(outcome.outputText.contains("bye"))
        #expect(clock.now - start < .seconds(120))  // far below the 600 s the children would live
    }
}
