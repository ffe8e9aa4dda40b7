import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import InfinitySystem
import Testing

@Suite("Build reports")
struct BuildReportTests {
    @Test("the summary has the job-summary shape, escapes hostile names and is appended to GITHUB_STEP_SUMMARY")
    func summary() async throws {
        let f = try BuildFixture()
        let summaryFile = f.dir.url("gh-summary.md")
        try "earlier step\n".write(toFile: summaryFile, atomically: true, encoding: .utf8)
        f.environment["GITHUB_STEP_SUMMARY"] = summaryFile
        try await f.add("ok", steps: [.build: "true"])
        try await f.add("pi|pe <b>", steps: [.build: "echo '```'; echo 'the real error'; exit 1"])
        let report = try await f.build(BuildOptions())
        let md = f.text(Paths.join(report.runDirectory, "summary.md"))
        #expect(md.hasPrefix("## Build — ❌ failed"))
        #expect(md.contains("| ❌ failed | 1 |") && md.contains("| ✅ succeeded | 1 |"))
        #expect(md.contains("pi\\|pe &lt;b&gt;"))
        #expect(!md.contains("<b>"))
        #expect(md.contains("````text\n```\nthe real error\n````"))
        let appended = f.text(summaryFile)
        #expect(appended.hasPrefix("earlier step\n## Build"))
    }

    @Test("JUnit has a test case per repository step, with failures, skips and cached repositories")
    func junit() async throws {
        let f = try BuildFixture()
        try await f.add("lib", steps: [.build: "true", .test: "echo 'assertion <failed>'; exit 1"])
        try await f.add("app", steps: [.build: "true"], dependsOn: ["lib"])
        try await f.add("tool", steps: [.build: "true"])
        _ = try await f.build()
        let report = try await f.build()
        let xml = f.text(Paths.join(report.runDirectory, "junit.xml"))
        #expect(XMLValidity.isWellFormed(Data(xml.utf8)))
        #expect(xml.contains("<testsuite name=\"lib\" tests=\"2\" failures=\"1\""))
        #expect(xml.contains("<testcase classname=\"lib\" name=\"test\""))
        #expect(xml.contains("assertion &lt;failed&gt;"))
        #expect(xml.contains("<skipped message=\"dependency failed: lib\"/>"))
        #expect(xml.contains("<skipped message=\"cached: succeeded in run"))
    }

    @Test("log excerpts drop terminal escapes and progress redraws but keep CRLF lines")
    func logCleaning() {
        #expect(LogText.clean("\u{1B}[31mred\u{1B}[0m text") == "red text")
        #expect(LogText.clean("10%\r50%\r100%\ndone") == "100%\ndone")
        #expect(LogText.clean("one\r\ntwo\r\n") == "one\ntwo\n")
        #expect(LogText.clean("bell\u{07}\u{00}end") == "bellend")
    }

    @Test("the progress display counts running, queued, done and failed")
    func progress() {
        let progress = BuildProgress(now: { Date(timeIntervalSince1970: 100) })
        let planned = progress.handle(.planned(total: 4, toBuild: 3, maxParallel: 2, estimatedSeconds: 3))
        #expect(planned?.contains("4 repositories, 3 to build") == true)
        progress.handle(.started(repository: "a"))
        progress.handle(.stepStarted(repository: "a", step: "build"))
        let line = progress.statusLine()
        #expect(line.hasPrefix("1 running · 2 queued · 0/4 done · 0 failed"))
        #expect(line.contains("a (build)"))
        let detail = BuildDetail(cacheKey: "k", ownKey: "o", headSHA: nil, ecosystem: "shell", durationSeconds: 1, failedStep: "build",
                                 logDir: "/l", steps: [StepResult(name: "build", status: .failed, command: "x", exitCode: 2, log: "/l/build.log", reason: "exited with status 2")],
                                 reason: "exited with status 2")
        let printed = progress.handle(.finished(RepositoryBuildResult(repository: "a", status: .failed, startedAt: nil, finishedAt: nil, detail: detail)))
        #expect(printed == "✗ a  build failed: exited with status 2 — log: /l/build.log")
        #expect(progress.statusLine().hasPrefix("0 running · 2 queued · 1/4 done · 1 failed"))
    }

    @Test("path components keep ordinary names and escape what cannot be one component")
    func pathComponents() {
        #expect(PathComponent.safe("we ird $(x) ü") == "we ird $(x) ü")
        #expect(PathComponent.safe("a/b") == "a%2Fb")
        #expect(PathComponent.safe("..") == "%..")
        #expect(PathComponent.safe(String(repeating: "x", count: 300)).utf8.count < 200)
    }
}
