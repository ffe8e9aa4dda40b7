import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("Build execution")
struct BuildExecutionTests {
    @Test("each step gets its own log, status and duration, and the stored detail has every contract field")
    func stepsAndDetail() async throws {
        let f = try BuildFixture()
        try await f.add("lib", steps: [.setup: "echo setting up", .build: "echo building; echo oops >&2", .test: "echo testing; exit 4"])
        let report = try await f.build()
        let r = try #require(report.result("lib"))
        #expect(r.status == .failed)
        #expect(r.detail.steps.map(\.name) == ["setup", "build", "test"])
        #expect(r.detail.steps.map(\.status) == [.succeeded, .succeeded, .failed])
        #expect(r.detail.failedStep == "test" && r.detail.exitCode == 4)
        let runDir = Paths.join(f.state, "runs", report.runID)
        #expect(r.detail.logDir == Paths.join(runDir, "lib"))
        #expect(f.text(Paths.join(runDir, "lib/build.log")) == "building\noops\n")
        #expect(f.text(Paths.join(runDir, "lib/test.log")) == "testing\n")
        let detail = try f.storedDetail("lib")
        for key in ["cache_key", "head_sha", "duration_seconds", "failed_step", "exit_code", "signal", "timed_out", "log_dir", "steps", "reason"] {
            #expect(detail.keys.contains(key), "missing \(key)")
        }
        #expect(detail["signal"] is NSNull)
        #expect(detail["timed_out"] as? Bool == false)
        let steps = try #require(detail["steps"] as? [[String: Any]])
        for key in ["name", "status", "exit_code", "duration_seconds", "log"] { #expect(steps[0].keys.contains(key)) }
        for name in ["summary.md", "results.json", "junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: Paths.join(runDir, name)))
        }
    }

    @Test("a step timeout kills the whole process tree, and the rest of the run goes on")
    func timeoutKillsTree() async throws {
        let f = try BuildFixture()
        f.settings.stepTimeout = .milliseconds(800)
        f.settings.environment["PIDS"] = f.dir.url("pids")
        try await f.add("stuck", steps: [.build: "trap '' TERM; sleep 600 & echo $! > \"$PIDS\"; while :; do sleep 1; done", .test: "true"])
        try await f.add("fine", steps: [.build: "true"])
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await f.pipeline().build(manifest: f.manifest, options: BuildOptions(killGrace: .milliseconds(300), appendStepSummary: false))
        #expect(clock.now - start < .seconds(120))  // far below the 600 s the child would live
        let r = try #require(report.result("stuck"))
        #expect(r.status == .failed && r.detail.timedOut && r.detail.failedStep == "build")
        #expect(r.detail.signal == SIGKILL)
        #expect(r.detail.reason?.contains("timed out after") == true)
        #expect(r.detail.steps.last?.status == .skipped)
        #expect(report.result("fine")?.status == .succeeded)
        let child = try #require(Int32(f.text("pids").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try await eventually(20) { !isRunning(child) })
    }

    @Test("the repository time limit covers all its steps")
    func repositoryTimeout() async throws {
        let f = try BuildFixture()
        // Generous limits so a loaded machine still reaches the test step before the time runs out.
        f.settings.timeout = .seconds(8)
        try await f.add("slow", steps: [.build: "true", .test: "sleep 120"])
        let report = try await f.pipeline().build(manifest: f.manifest, options: BuildOptions(killGrace: .milliseconds(200), appendStepSummary: false))
        let r = try #require(report.result("slow"))
        #expect(r.detail.failedStep == "test" && r.detail.timedOut)
        #expect(r.detail.reason?.contains("repository's time limit") == true)
    }

    @Test("bad input gives a clear per-repository failure: missing command, missing commit, flood of output, binary output")
    func badInput() async throws {
        let f = try BuildFixture()
        f.settings.maxLogBytes = 4096
        try await f.add("no-such-tool", steps: [.build: "definitely-not-a-command-xyz --flag"])
        try await f.add("bad-sha", steps: [.build: "true"])
        f.repositories["bad-sha"]?.headSHA = String(repeating: "0", count: 40)
        try await f.add("flood", steps: [.build: "head -c 30000000 /dev/zero | tr '\\0' 'x'"])
        try await f.add("binary", steps: [.build: "head -c 3000 /dev/urandom; printf '\\033[31m<fail> & \"quotes\"\\r\\n'; exit 2"])
        try await f.add("fine", steps: [.build: "true"])
        let report = try await f.build()
        let missing = try #require(report.result("no-such-tool"))
        #expect(missing.status == .failed && missing.detail.exitCode == 127)
        #expect(missing.detail.reason == "command not found (exit 127)")
        let sha = try #require(report.result("bad-sha"))
        #expect(sha.status == .failed && sha.detail.failedStep == "prepare")
        #expect(sha.detail.reason?.contains("cannot prepare the work tree") == true)
        #expect(f.firstLog(sha).contains("cannot prepare"))
        let flood = try #require(report.result("flood"))
        #expect(flood.status == .succeeded)
        #expect(flood.detail.steps.first?.logTruncated == true)
        let size = try FileManager.default.attributesOfItem(atPath: try #require(flood.detail.steps.first?.log))[.size] as? Int ?? .max
        #expect(size < 4096 + 512)
        #expect(report.result("binary")?.status == .failed)
        #expect(report.result("fine")?.status == .succeeded)
        // The reports stay well-formed.
        let junit = try Data(contentsOf: URL(fileURLWithPath: Paths.join(report.runDirectory, "junit.xml")))
        #expect(XMLValidity.isWellFormed(junit))
        let json = try Data(contentsOf: URL(fileURLWithPath: Paths.join(report.runDirectory, "results.json")))
        #expect((try? JSONSerialization.jsonObject(with: json)) != nil)
    }

    @Test("no token reaches a build unless pass_env names it; the cache variables are set")
    func environmentIsolation() async throws {
        let f = try BuildFixture()
        f.environment["GITHUB_TOKEN"] = "ghp_orchestrator_secret_value"
        f.environment["GH_TOKEN"] = "gh_other_secret"
        f.environment["AWS_SECRET_ACCESS_KEY"] = "aws_secret"
        f.environment["WANTED"] = "passed-through"
        f.settings.passEnvironment = ["WANTED"]
        f.settings.environment["FROM_CONFIG"] = "yes"
        try await f.add("probe", system: "npm", steps: [.build: "env | sort"])
        let report = try await f.build()
        let log = f.firstLog(report.result("probe"))
        #expect(!log.contains("secret"))
        #expect(!log.contains("GITHUB_TOKEN") && !log.contains("GH_TOKEN"))
        #expect(log.contains("WANTED=passed-through\n") && log.contains("FROM_CONFIG=yes\n"))
        let cache = "\(f.state)/cache/npm"
        for line in ["INFINITY_CACHE_DIR=\(cache)", "npm_config_cache=\(cache)/npm", "CARGO_HOME=\(cache)/cargo", "GOMODCACHE=\(cache)/go/mod",
                     "PIP_CACHE_DIR=\(cache)/pip", "XDG_CACHE_HOME=\(cache)/xdg", "GRADLE_USER_HOME=\(cache)/gradle",
                     "MAVEN_OPTS=-Dmaven.repo.local=\(cache)/maven/repository", "INFINITY_REPOSITORY=probe"] {
            #expect(log.contains(line + "\n"), "missing \(line)")
        }
        #expect(log.contains("TMPDIR=\(f.state)/workspace/tmp/probe\n"))
    }

    @Test("builds run in an isolated tree at the exact commit; the user's checkout is untouched")
    func isolatedWorkTree() async throws {
        let f = try BuildFixture()
        try await f.add("app", steps: [.build: "pwd; cat data.txt; echo built > product.txt"], files: ["data.txt": "committed\n"])
        let checkout = Paths.join(f.org, "app")
        try "edited but not committed\n".write(toFile: Paths.join(checkout, "data.txt"), atomically: true, encoding: .utf8)
        let report = try await f.build()
        let log = f.firstLog(report.result("app"))
        #expect(log == "\(f.state)/workspace/trees/app\ncommitted\n")
        #expect(!FileManager.default.fileExists(atPath: Paths.join(checkout, "product.txt")))
        #expect(!FileManager.default.fileExists(atPath: Paths.join(checkout, ".git/worktrees")))
        #expect(f.text(Paths.join(checkout, "data.txt")) == "edited but not committed\n")
        // The tree is reused on the next build and moved to the new head.
        try await f.change("app", files: ["data.txt": "second\n"])
        let second = try await f.build()
        #expect(f.firstLog(second.result("app")).hasSuffix("second\n"))
    }

    @Test("after a build, tracked files the build changed are restored and the tree is marked clean for the next run")
    func treeTidiedAfterBuild() async throws {
        let f = try BuildFixture()
        try await f.add("mutator", steps: [.build: "cat data.txt; echo changed-by-build >> data.txt"], files: ["data.txt": "pristine\n"])
        let first = try await f.build()
        #expect(f.firstLog(first.result("mutator")) == "pristine\n")
        let tree = Paths.join(f.state, "workspace/trees/mutator")
        #expect(f.text(Paths.join(tree, "data.txt")) == "pristine\n")
        let sha = try #require(f.repositories["mutator"]?.headSHA)
        #expect(f.text(Paths.join(tree, ".git/infinity-clean")) == sha + "\n")
        let second = try await f.build(BuildOptions(force: true, appendStepSummary: false))
        #expect(f.firstLog(second.result("mutator")) == "pristine\n")
        // A marker that does not match the head is ignored (and removed): git checks the tree out.
        try "changed by hand\n".write(toFile: Paths.join(tree, "data.txt"), atomically: true, encoding: .utf8)
        try "0000\n".write(toFile: Paths.join(tree, ".git/infinity-clean"), atomically: true, encoding: .utf8)
        let third = try await f.build(BuildOptions(force: true, appendStepSummary: false))
        #expect(f.firstLog(third.result("mutator")) == "pristine\n")
    }

    @Test("trees lie side by side, so a relative reference to a dependency resolves")
    func siblingTrees() async throws {
        let f = try BuildFixture()
        try await f.add("greeter-core", steps: [.build: "true"], files: ["core.txt": "core v1\n"])
        try await f.add("greeter-app", steps: [.build: "cat ../greeter-core/core.txt"], dependsOn: ["greeter-core"])
        _ = try await f.build()
        // Only the app rebuilds (its command changed); the cached core's tree is still prepared for it.
        try FileManager.default.removeItem(atPath: Paths.join(f.state, "workspace/trees/greeter-core"))
        f.repositories["greeter-app"]?.steps = [BuildStep(name: .build, run: "cat ../greeter-core/core.txt; echo again", source: "test")]
        let report = try await f.build()
        #expect(report.result("greeter-core")?.status == .cached)
        #expect(f.firstLog(report.result("greeter-app")) == "core v1\nagain\n")
    }

    @Test("repository names with spaces, quotes, $(…) and non-ASCII are data, never shell")
    func hostileNames() async throws {
        let f = try BuildFixture()
        let name = "we ird \"$(touch pwned)\" `touch pwned2` ü"
        try await f.add(name, steps: [.build: "echo \"$INFINITY_REPOSITORY\"; pwd"])
        let report = try await f.build()
        let r = try #require(report.result(name))
        #expect(r.status == .succeeded)
        #expect(f.firstLog(r).hasPrefix(name + "\n"))
        let tree = Paths.join(f.state, "workspace/trees", name)
        for dir in [tree, f.root, f.org, FileManager.default.currentDirectoryPath] {
            #expect(!FileManager.default.fileExists(atPath: Paths.join(dir, "pwned")))
            #expect(!FileManager.default.fileExists(atPath: Paths.join(dir, "pwned2")))
        }
        let junit = try Data(contentsOf: URL(fileURLWithPath: Paths.join(report.runDirectory, "junit.xml")))
        #expect(XMLValidity.isWellFormed(junit))
    }

    @Test("a second build of the same state folder is refused while one runs")
    func lock() async throws {
        let f = try BuildFixture()
        try await f.add("slow", steps: [.build: "sleep 1.5"])
        let pipeline = f.pipeline()
        let manifest = f.manifest
        let first = Task { try await pipeline.build(manifest: manifest, options: BuildOptions(appendStepSummary: false)) }
        let running = try await eventually { FileManager.default.fileExists(atPath: Paths.join(f.state, "workspace/tmp/slow")) }
        #expect(running)
        let error = await #expect(throws: BuildError.self) { try await pipeline.build(manifest: manifest) }
        #expect(error?.code == .busy)
        #expect(try await first.value.succeeded)
    }
}
