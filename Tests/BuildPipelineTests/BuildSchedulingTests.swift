import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import Testing

@Suite("Build scheduling")
struct BuildSchedulingTests {
    /// A step that records its start and end in `$EVENTS`.
    static func traced(_ body: String = "sleep 0.2") -> String {
        "echo \"start $INFINITY_REPOSITORY\" >> \"$EVENTS\"; \(body); status=$?; echo \"end $INFINITY_REPOSITORY\" >> \"$EVENTS\"; exit $status"
    }

    func events(_ fixture: BuildFixture) -> [String] {
        fixture.text("events.txt").split(separator: "\n").map(String.init)
    }

    @Test("a repository starts only after the repositories it depends on succeeded")
    func dependencyOrder() async throws {
        let f = try BuildFixture()
        f.settings.environment["EVENTS"] = f.dir.url("events.txt")
        try await f.add("a", steps: [.build: Self.traced()])
        try await f.add("b", steps: [.build: Self.traced()], dependsOn: ["a"])
        try await f.add("c", steps: [.build: Self.traced()], dependsOn: ["b"])
        try await f.add("d", steps: [.build: Self.traced()])
        let report = try await f.build()
        #expect(report.succeeded)
        #expect(report.results.map(\.status) == [.succeeded, .succeeded, .succeeded, .succeeded])
        let log = events(f)
        func at(_ line: String) -> Int { log.firstIndex(of: line) ?? -1 }
        #expect(at("end a") >= 0 && at("end a") < at("start b"))
        #expect(at("end b") >= 0 && at("end b") < at("start c"))
        // d does not wait for the chain.
        #expect(at("start d") < at("end c"))
    }

    @Test("dependents of a failed repository are skipped, naming the repository that failed")
    func failurePropagation() async throws {
        let f = try BuildFixture()
        f.settings.environment["EVENTS"] = f.dir.url("events.txt")
        try await f.add("a", steps: [.build: Self.traced("echo broken >&2; exit 3")])
        try await f.add("b", steps: [.build: Self.traced()], dependsOn: ["a"])
        try await f.add("c", steps: [.build: Self.traced()], dependsOn: ["b"])
        try await f.add("d", steps: [.build: Self.traced()])
        let report = try await f.build()
        #expect(!report.succeeded)
        #expect(report.result("a")?.status == .failed)
        #expect(report.result("a")?.detail.exitCode == 3)
        #expect(report.result("b")?.status == .skipped)
        #expect(report.result("b")?.detail.reason == "dependency failed: a")
        #expect(report.result("c")?.detail.reason == "dependency failed: a")
        #expect(report.result("d")?.status == .succeeded)
        #expect(!events(f).contains("start b") && !events(f).contains("start c"))
        let stored = try f.storedDetail("c")
        #expect(stored["reason"] as? String == "dependency failed: a")
        #expect(try f.store.results(repository: "c", stage: "build").first?.status == "skipped")
    }

    @Test("never more than max_parallel builds run at once, and they do overlap")
    func parallelismBound() async throws {
        let f = try BuildFixture()
        f.settings.maxParallel = 2
        let running = f.dir.url("running")
        try FileManager.default.createDirectory(atPath: running, withIntermediateDirectories: true)
        f.settings.environment["RUNNING"] = running
        f.settings.environment["EVENTS"] = f.dir.url("events.txt")
        let step = "touch \"$RUNNING/$INFINITY_REPOSITORY\"; ls \"$RUNNING\" | wc -l >> \"$EVENTS\"; sleep 0.3; rm \"$RUNNING/$INFINITY_REPOSITORY\""
        for i in 0..<6 { try await f.add("r\(i)", steps: [.build: step]) }
        let report = try await f.build()
        #expect(report.succeeded)
        let counts = events(f).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(counts.count == 6)
        #expect(counts.max() == 2)
    }

    @Test("among ready repositories the head of the longest chain starts first")
    func criticalPathFirst() async throws {
        let f = try BuildFixture()
        f.settings.maxParallel = 1
        f.settings.environment["EVENTS"] = f.dir.url("events.txt")
        try await f.add("a-single", steps: [.build: Self.traced("true")])
        try await f.add("b-single", steps: [.build: Self.traced("true")])
        try await f.add("x1", steps: [.build: Self.traced("true")])
        try await f.add("x2", steps: [.build: Self.traced("true")], dependsOn: ["x1"])
        try await f.add("x3", steps: [.build: Self.traced("true")], dependsOn: ["x2"])
        let plan = try await f.plan()
        #expect(plan.entry("x1")?.criticalPath == 3)
        #expect(plan.entry("x3")?.criticalPath == 1)
        _ = try await f.build()
        let starts = events(f).filter { $0.hasPrefix("start ") }.map { String($0.dropFirst(6)) }
        #expect(starts.first == "x1")
        #expect(starts.count == 5)
    }

    @Test("a dependency cycle fails its members clearly and skips what depends on them")
    func cycles() async throws {
        let f = try BuildFixture()
        try await f.add("p", steps: [.build: "true"], dependsOn: ["q"])
        try await f.add("q", steps: [.build: "true"], dependsOn: ["p"])
        try await f.add("r", steps: [.build: "true"], dependsOn: ["p"])
        try await f.add("s", steps: [.build: "true"])
        let report = try await f.build()
        #expect(report.result("p")?.status == .failed)
        #expect(report.result("p")?.detail.reason?.contains("dependency cycle") == true)
        #expect(report.result("r")?.status == .skipped)
        #expect(report.result("r")?.detail.reason == "dependency failed: p")
        #expect(report.result("s")?.status == .succeeded)
    }

    @Test("shell, make and python repositories build with their own ecosystem caches")
    func ecosystems() async throws {
        let f = try BuildFixture()
        try await f.add("tool-sh", system: "shell", steps: [.build: "sh ./build.sh"], files: ["build.sh": "echo \"cache=$INFINITY_CACHE_DIR\"\n"])
        try await f.add("lib-make", system: "make", steps: [.build: "make", .test: "make test"], files: [
            "Makefile": "all:\n\techo built > out.txt\n\ntest: all\n\tgrep -q built out.txt && echo \"pip=$$PIP_CACHE_DIR\"\n\n.PHONY: all test\n",
        ])
        try await f.add("app-py", system: "python", steps: [.build: "python3 -m compileall -q .", .test: "python3 -m unittest discover -s tests -t ."], files: [
            "app/__init__.py": "def twice(x):\n    return 2 * x\n",
            "tests/__init__.py": "",
            "tests/test_app.py": "import unittest\nfrom app import twice\n\nclass T(unittest.TestCase):\n    def test_twice(self):\n        self.assertEqual(twice(2), 4)\n",
        ])
        let report = try await f.build()
        #expect(report.succeeded, "\(report.results.map { "\($0.repository): \($0.status) \($0.detail.reason ?? "")" })")
        let shellLog = f.firstLog(report.result("tool-sh"))
        let makeLog = f.lastLog(report.result("lib-make"))
        let shellCache = "cache=" + f.state + "/cache/shell", pipCache = "pip=" + f.state + "/cache/make/pip"
        #expect(shellLog.contains(shellCache))
        #expect(makeLog.contains(pipCache))
        #expect(report.result("app-py")?.detail.ecosystem == "python")
        #expect(report.result("app-py")?.detail.steps.map(\.name) == ["build", "test"])
        for eco in ["shell", "make", "python"] {
            #expect(FileManager.default.fileExists(atPath: "\(f.state)/cache/\(eco)"))
        }
    }
}
