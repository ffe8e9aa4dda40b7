import BuildPipeline
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import SelfHealing
import Testing

/// Scripts for the test repositories.
enum Scripts {
    /// A test that passes, fails on its second run, then passes: its run count is kept in a
    /// file outside the work tree.
    static func flaky(counter: String) -> String {
        """
        #!/bin/sh
        n=$(cat '\(counter)' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '\(counter)'
        if [ "$n" = 2 ]; then
          echo 'FAIL: test_quote (tests.test_flaky.QuoteTest.test_quote)'
          echo 'AssertionError: 41 != 42'
          echo 'FAILED (failures=1)'
          exit 1
        fi
        echo 'Ran 1 test'; echo OK

        """
    }

    /// A build that fails while its cached intermediate does not match its checksum.
    static let cache = """
        #!/bin/sh
        set -eu
        cache="${INFINITY_CACHE_DIR:-.cache}/cachey/intermediate.bin"
        if [ -f "$cache" ]; then
          expected=$(cat "$cache.sha256" 2>/dev/null || echo missing)
          actual=$(sha256sum "$cache" | cut -d' ' -f1)
          if [ "$expected" != "$actual" ]; then
            echo "error: cache corrupted: checksum mismatch for $cache" >&2
            exit 1
          fi
        else
          mkdir -p "$(dirname "$cache")"
          echo product > "$cache"
          sha256sum "$cache" | cut -d' ' -f1 > "$cache.sha256"
        fi
        echo built

        """

    static let network = "echo 'curl: (6) Could not resolve host: registry.example.invalid' >&2; exit 6"
    static let auth = "echo 'remote: Permission to org/repo.git denied to bot.'; echo 'fatal: unable to access https://github.com/org/repo.git/: The requested URL returned error: 403'; exit 128"
    /// An audit gate that fails while urllib3 is pinned at the vulnerable 1.26.4.
    static let audit = """
        #!/bin/sh
        if grep -q '^urllib3==1.26.4' requirements.txt; then
          echo 'Found 1 known vulnerability in 1 package'
          echo 'urllib3 1.26.4 GHSA-q2q7-5pp4-w6pg 1.26.5'
          exit 1
        fi
        echo 'No known vulnerabilities found'

        """
}

@Suite("Healing engine")
struct HealingEngineTests {
    @Test("a flaky test that passed before on the same commit is healed by a re-run, and the flip is recorded")
    func flakyHealedByRerun() async throws {
        let f = try HealFixture()
        try await f.add("flaky", steps: [.test: "sh test.sh"], files: ["test.sh": Scripts.flaky(counter: f.outside + "/flaky.count")])
        try await f.build()   // run 1 passes
        try await f.build()   // run 2 fails
        #expect(try f.latestStatus("flaky") == "failed")

        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.item.category == .flakyTest)
        #expect(outcome.item.action == .rerun)
        #expect(outcome.result == .healed)
        #expect(outcome.item.failingTests == ["tests.test_flaky.QuoteTest.test_quote"])
        #expect(try f.latestStatus("flaky") == "succeeded")
        let attempt = try #require(try f.store.healAttempts(since: .distantPast, repository: "flaky").first)
        #expect(attempt.outcome == "succeeded")
        #expect(attempt.detail?.contains("flip tests=tests.test_flaky.QuoteTest.test_quote") == true)
        #expect(try f.store.incidents(openOnly: true).isEmpty)
        #expect(try f.store.incidents().first?.resolvedBy == "rerun")
        #expect(try f.store.audit(target: "flaky", actionPrefix: "heal.rerun").first?.outcome == "succeeded")
    }

    @Test("a first-time test failure that passes its confirmation re-run is recorded as flaky and healed")
    func confirmationRerunFindsFlakiness() async throws {
        let f = try HealFixture()
        f.configuration.healing.orgRetryBudgetPercent = 100
        // Fails on its first run only (the marker lives outside the work tree).
        let marker = f.outside + "/ran-once"
        let script = "if [ -f '\(marker)' ]; then echo OK; else touch '\(marker)'; echo 'FAIL: test_quote (tests.test_flaky.QuoteTest.test_quote)'; echo 'FAILED (failures=1)'; exit 1; fi"
        try await f.add("flaky", steps: [.test: script])
        try await f.build()
        let dry = try await f.heal(HealingOptions(dryRun: true))
        #expect(dry.outcomes.first?.item.action == .rerun)
        #expect(dry.outcomes.first?.item.verdict.contains("confirming the test failure") == true)

        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.result == .healed)
        #expect(outcome.item.category == .flakyTest)
        let attempt = try #require(try f.store.healAttempts(since: .distantPast, repository: "flaky").first)
        #expect(attempt.category == "flaky_test")
        #expect(attempt.action == "rerun")
        #expect(try f.latestStatus("flaky") == "succeeded")
    }

    @Test("a test that flips twice in the window is written into the quarantine report")
    func repeatedFlipsAreQuarantined() async throws {
        let f = try HealFixture()
        f.configuration.healing.orgRetryBudgetPercent = 100
        let counter = f.outside + "/q.count"
        try await f.add("flippy", steps: [.test: "sh test.sh"], files: ["test.sh": Scripts.flaky(counter: counter)])
        try await f.build()
        try await f.build()
        _ = try await f.heal()
        // Start the count again: pass, fail, heal by re-run once more.
        try FileManager.default.removeItem(atPath: counter)
        try await f.build()
        try await f.build()
        let report = try await f.heal()
        #expect(report.outcomes.first?.result == .healed)
        let path = try #require(report.quarantine)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("| flippy | `tests.test_flaky.QuoteTest.test_quote` | 2 |"))
    }

    @Test("a corrupted cache is cleared and the rebuild passes")
    func cacheCorruptionHealedByClearing() async throws {
        let f = try HealFixture()
        try await f.add("cachey", steps: [.build: "sh build.sh"], files: ["build.sh": Scripts.cache])
        let cached = f.state + "/cache/shell/cachey/intermediate.bin"
        try FileManager.default.createDirectory(atPath: f.state + "/cache/shell/cachey", withIntermediateDirectories: true)
        try Data("product\n".utf8).write(to: URL(fileURLWithPath: cached))
        try Data("0000\n".utf8).write(to: URL(fileURLWithPath: cached + ".sha256"))
        try await f.build()
        #expect(try f.latestStatus("cachey") == "failed")

        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.item.category == .cacheCorruption)
        #expect(outcome.item.action == .clearCache)
        #expect(outcome.result == .healed)
        #expect(try f.latestStatus("cachey") == "succeeded")
        #expect(try f.store.audit(actionPrefix: "cache.clear").first?.target == "cachey")
        #expect(try f.store.audit(target: "cachey", actionPrefix: "heal.clear_cache").first?.outcome == "succeeded")
    }

    @Test("a vulnerable pin becomes a verified proposal branch with the fixed version; the branch is reused, never duplicated")
    func vulnerableDependencyProposal() async throws {
        let f = try HealFixture()
        f.configuration.healing.orgRetryBudgetPercent = 100
        let sha = try await f.add("vuln", steps: [.test: "sh audit.sh"],
                                  files: ["audit.sh": Scripts.audit, "requirements.txt": "urllib3==1.26.4  # http\ncertifi==2023.7.22\n"])
        try f.store.upsertFindings(repository: "vuln", kind: .vulnerability, findings: [
            Finding(ruleID: "GHSA-q2q7-5pp4-w6pg", severity: .medium, file: "requirements.txt", fingerprint: "urllib3-1.26.4",
                    detail: #"{"package":"urllib3","version":"1.26.4","fixed_version":"1.26.5"}"#),
        ], at: f.clock.now)
        try await f.build()

        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.item.category == .vulnerableDependency)
        #expect(outcome.result == .proposed)
        let branch = "infinity/heal/vulnerable_dependency/\(sha.prefix(12))"
        #expect(outcome.branch == branch)
        let pinned = try await f.git("vuln", ["show", "\(branch):requirements.txt"])
        #expect(pinned == "urllib3==1.26.5 # http\ncertifi==2023.7.22\n")
        #expect(try await f.git("vuln", ["show", "main:requirements.txt"]).contains("urllib3==1.26.4"))
        let reportText = try String(contentsOfFile: try #require(outcome.report), encoding: .utf8)
        #expect(reportText.contains("urllib3 → 1.26.5"))

        // The main branch still fails; the next failed build proposes again onto the same branch.
        try await f.build()
        let again = try await f.heal()
        #expect(again.outcomes.first?.result == .proposed)
        #expect(again.outcomes.first?.detail.contains("branch reused") == true)
        let branches = try await f.git("vuln", ["branch", "--list", "infinity/heal/*"])
        #expect(branches.split(separator: "\n").count == 1)
    }

    @Test("an authentication failure is never retried: alerted and reported, once")
    func authNeverRetried() async throws {
        let f = try HealFixture()
        try await f.add("locked", steps: [.build: Scripts.auth])
        try await f.build()
        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.item.category == .auth)
        #expect(outcome.result == .alerted)
        #expect(try f.buildCount("locked") == 1)
        #expect(FileManager.default.fileExists(atPath: try #require(outcome.report)))
        let second = try await f.heal()
        #expect(second.outcomes.first?.result == .skipped)
        #expect(try f.buildCount("locked") == 1)
        #expect(try f.store.audit(target: "locked", actionPrefix: "heal.alert").first?.outcome == "skipped")
    }

    @Test("a spent repository budget skips the heal and says why")
    func repositoryBudgetSpent() async throws {
        let f = try HealFixture()
        f.configuration.healing.maxAttemptsPerRepository = 1
        f.configuration.healing.orgRetryBudgetPercent = 100
        f.configuration.healing.backoffBase = .seconds(2)
        f.configuration.healing.backoffCap = .seconds(4)
        try await f.add("offline", steps: [.build: Scripts.network])
        try await f.build()
        let start = f.clock.now
        let first = try await f.heal(random: 0.5)
        #expect(first.outcomes.first?.item.action == .retry)
        #expect(first.outcomes.first?.result == .failed)
        // The backoff (half of the 2 s ceiling) was waited through the clock seam.
        #expect(f.clock.now.timeIntervalSince(start) >= 1)
        try await f.build()
        let second = try await f.heal()
        #expect(second.outcomes.first?.result == .skipped)
        #expect(second.outcomes.first?.detail.contains("repository budget spent: 1 heal attempts in the window (limit 1)") == true)
        #expect(try f.store.healAttempts(since: .distantPast, repository: "offline").first?.outcome == "skipped")
    }

    @Test("a spent organization retry budget skips retries and says why")
    func organizationBudgetSpent() async throws {
        let f = try HealFixture()
        f.configuration.healing.orgRetryBudgetPercent = 1
        f.configuration.healing.backoffBase = .seconds(1)
        f.configuration.healing.backoffCap = .seconds(1)
        try await f.add("offline-a", steps: [.build: Scripts.network])
        try await f.add("offline-b", steps: [.build: Scripts.network])
        try await f.build()
        let report = try await f.heal()
        // One retry is always allowed; the second repository finds the budget spent.
        #expect(report.outcomes.map(\.result) == [.failed, .skipped])
        #expect(report.outcomes.last?.detail.hasPrefix("organization retry budget spent") == true)
    }

    @Test("a long backoff is scheduled for a later pass instead of blocking, and runs when due")
    func longBackoffIsScheduled() async throws {
        let f = try HealFixture()
        f.configuration.healing.backoffBase = .seconds(60)
        f.configuration.healing.orgRetryBudgetPercent = 100
        try await f.add("offline", steps: [.build: Scripts.network])
        try await f.build()
        let before = f.clock.now
        let first = try await f.heal(random: 0.9)
        #expect(first.outcomes.first?.result == .scheduled)
        #expect(f.clock.now == before)
        #expect(try f.buildCount("offline") == 1)
        let waiting = try await f.heal()
        #expect(waiting.outcomes.first?.detail.hasPrefix("waiting for backoff until") == true)
        f.clock.advance(by: 60)
        let due = try await f.heal()
        #expect(due.outcomes.first?.result == .failed, "\(due.outcomes.first?.detail ?? "-")")
        #expect(due.outcomes.first?.detail.hasPrefix("scheduled retry ran") == true)
        #expect(try f.buildCount("offline") == 2)
    }

    @Test("the circuit breaker opens after N failed heals, half-opens after the cool-down, and resets by hand")
    func circuitBreaker() async throws {
        let f = try HealFixture()
        f.configuration.healing.circuitBreakerThreshold = 2
        f.configuration.healing.circuitBreakerCooldown = .seconds(3600)
        f.configuration.healing.maxAttemptsPerRepository = 10
        f.configuration.healing.orgRetryBudgetPercent = 100
        f.configuration.healing.backoffBase = .seconds(1)
        f.configuration.healing.backoffCap = .seconds(1)
        try await f.add("down", steps: [.build: Scripts.network])
        for _ in 0..<2 {
            try await f.build()
            #expect(try await f.heal().outcomes.first?.result == .failed)
        }
        #expect(try f.store.circuitBreakerFields(repository: "down")?.state == "open")
        try await f.build()
        let blocked = try await f.heal()
        #expect(blocked.outcomes.first?.result == .skipped)
        #expect(blocked.outcomes.first?.detail.hasPrefix("circuit breaker open") == true)

        f.clock.advance(by: 3601)
        try await f.build()
        let trial = try await f.heal()
        #expect(trial.outcomes.first?.item.verdict.contains("half-open") == true)
        #expect(trial.outcomes.first?.result == .failed)
        #expect(try f.store.circuitBreakerFields(repository: "down")?.state == "open")

        try f.engine().resetBreaker("down")
        #expect(try f.store.circuitBreakerFields(repository: "down")?.state == "closed")
        #expect(try f.store.audit(target: "down", actionPrefix: "heal.breaker.reset").count == 1)
        #expect(try f.store.audit(target: "down", actionPrefix: "heal.breaker.open").count >= 2)
    }

    @Test("a dry run prints the plan and changes nothing")
    func dryRunChangesNothing() async throws {
        let f = try HealFixture()
        try await f.add("cachey", steps: [.build: "sh build.sh"], files: ["build.sh": Scripts.cache])
        let cached = f.state + "/cache/shell/cachey/intermediate.bin"
        try FileManager.default.createDirectory(atPath: f.state + "/cache/shell/cachey", withIntermediateDirectories: true)
        try Data("product\n".utf8).write(to: URL(fileURLWithPath: cached))
        try Data("0000\n".utf8).write(to: URL(fileURLWithPath: cached + ".sha256"))
        try await f.build()
        let auditBefore = try f.store.audit(limit: 1000).count

        let report = try await f.heal(HealingOptions(dryRun: true))
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.result == .planned)
        #expect(outcome.item.action == .clearCache)
        #expect(outcome.item.verdict.hasPrefix("allowed"))
        #expect(FileManager.default.fileExists(atPath: cached))
        #expect(try f.buildCount("cachey") == 1)
        #expect(try f.store.healAttempts(since: .distantPast).isEmpty)
        #expect(try f.store.incidents().isEmpty)
        #expect(try f.store.audit(limit: 1000).count == auditBefore)
        #expect(!FileManager.default.fileExists(atPath: f.state + "/heals"))
    }

    @Test("a real test failure is confirmed by one re-run and reported with the failing test names")
    func testFailureReported() async throws {
        let f = try HealFixture()
        let failing = "echo 'FAIL: test_ten_percent_off (tests.test_orders.DiscountTest.test_ten_percent_off)'; echo 'AssertionError: 220.0 != 180'; echo 'FAILED (failures=1)'; exit 1"
        try await f.add("orders", steps: [.test: failing])
        try await f.build()
        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.result == .reported)
        #expect(outcome.item.failingTests == ["tests.test_orders.DiscountTest.test_ten_percent_off"])
        let text = try String(contentsOfFile: try #require(outcome.report), encoding: .utf8)
        #expect(text.contains("`tests.test_orders.DiscountTest.test_ten_percent_off`"))
        #expect(text.contains("AssertionError: 220.0 != 180"))
        #expect(try f.buildCount("orders") == 2)
        #expect(try f.store.incidents(openOnly: true).first?.repository == "orders")
    }
}

@Suite("Failing test names")
struct FailingTestsTests {
    @Test("names are found in pytest, unittest, go, cargo, XCTest, Swift Testing and jest output")
    func parsesRunners() {
        let log = """
            FAILED tests/test_api.py::test_login - AssertionError: 401
            FAIL: test_x (pkg.tests.Case.test_x)
            --- FAIL: TestParse (0.00s)
            test parser::tests::rejects_empty ... FAILED
            test parser::tests::accepts ... ok
            Test Case '-[AppTests.LoginTests testBadPassword]' failed (0.002 seconds).
            ✘ Test parsesDates() failed after 0.001 seconds with 1 issue.
            ● Cart › adds an item
            """
        #expect(FailingTests.names(in: log) == [
            "tests/test_api.py::test_login", "pkg.tests.Case.test_x", "TestParse", "parser::tests::rejects_empty",
            "AppTests.LoginTests.testBadPassword", "parsesDates()", "Cart › adds an item",
        ])
    }
}

@Suite("Self-healing: dependency updates", .serialized)
struct DependencyUpdateHealingTests {
    @Test("a lockfile out of date with a sibling dependency becomes a verified proposal branch with the updated Cargo.lock",
          .enabled(if: ProcessRunnerProbe.has("cargo"), "needs cargo (offline path dependencies only)"))
    func dependencyResolutionProposal() async throws {
        let f = try HealFixture()
        f.configuration.healing.orgRetryBudgetPercent = 100
        try await f.add("lib", steps: [:], files: [
            "Cargo.toml": "[package]\nname = \"lib\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
            "src/lib.rs": "pub fn answer() -> i32 { 42 }\n",
        ])
        let appFiles = [
            "Cargo.toml": "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nlib = { path = \"../lib\" }\n",
            "src/main.rs": "fn main() { println!(\"{}\", lib::answer()); }\n",
            ".gitignore": "target/\n",
        ]
        // The lockfile is generated against lib 0.1.0, then lib moves to 0.2.0: `cargo build --locked` fails.
        let scratch = f.dir.url("scratch")
        try FileManager.default.createDirectory(atPath: scratch + "/app/src", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch + "/lib/src", withIntermediateDirectories: true)
        for (path, text) in appFiles { try text.write(toFile: scratch + "/app/" + path, atomically: true, encoding: .utf8) }
        try "[package]\nname = \"lib\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".write(toFile: scratch + "/lib/Cargo.toml", atomically: true, encoding: .utf8)
        try "pub fn answer() -> i32 { 42 }\n".write(toFile: scratch + "/lib/src/lib.rs", atomically: true, encoding: .utf8)
        _ = try await ProcessRunner.live.checked("cargo", ["generate-lockfile", "--offline"], in: scratch + "/app")
        let lock = try String(contentsOfFile: scratch + "/app/Cargo.lock", encoding: .utf8)
        #expect(lock.contains("version = \"0.1.0\""))
        var files = appFiles
        files["Cargo.lock"] = lock
        let sha = try await f.add("app", steps: [.build: "cargo build --locked --offline"], files: files)
        f.repositories["app"]?.buildSystems = ["cargo"]
        f.repositories["app"]?.dependencies = [RepositoryDependency(repository: "lib", declaredIn: "Cargo.toml", via: "repo:lib")]
        try await f.git.commit(in: Paths.join(f.org, "lib"), files: ["Cargo.toml": "[package]\nname = \"lib\"\nversion = \"0.2.0\"\nedition = \"2021\"\n"])
        f.repositories["lib"]?.headSHA = try await f.git.head(of: Paths.join(f.org, "lib"))
        try await f.build()
        #expect(try f.latestStatus("app") == "failed")

        let report = try await f.heal()
        let outcome = try #require(report.outcomes.first { $0.item.repository == "app" })
        #expect(outcome.item.category == .dependencyResolution)
        #expect(outcome.result == .proposed, "\(outcome.detail)")
        let branch = "infinity/heal/dependency_resolution/\(sha.prefix(12))"
        #expect(outcome.branch == branch)
        let updated = try await f.git("app", ["show", "\(branch):Cargo.lock"])
        #expect(updated.contains("version = \"0.2.0\""))
        #expect(try await f.git("app", ["show", "main:Cargo.lock"]).contains("version = \"0.1.0\""))
    }
}

/// Whether a program is on PATH, for tests that need an outside tool.
enum ProcessRunnerProbe {
    static func has(_ program: String) -> Bool { (try? ProcessRunner.resolveExecutable(program)) != nil }
}

@Suite("Self-healing: host CI re-runs")
struct HostRerunTests {
    /// Records which repositories had their CI re-run.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var names: [String] = []
        func add(_ name: String) { lock.withLock { names.append(name) } }
        var all: [String] { lock.withLock { names } }
    }

    @Test("a re-run also re-runs the failed CI jobs on the host, and the detail links the run")
    func rerunAlsoRerunsHostJobs() async throws {
        let f = try HealFixture()
        try await f.add("flaky", steps: [.test: "sh test.sh"], files: ["test.sh": Scripts.flaky(counter: f.outside + "/flaky.count")])
        try await f.build()   // passes
        try await f.build()   // fails
        let calls = Calls()
        var engine = try f.engine()
        engine.hostRerun = { repository in
            calls.add(repository.name)
            return "https://ci.example.invalid/runs/1"
        }
        let report = try await engine.run(manifest: f.manifest, options: HealingOptions())
        let outcome = try #require(report.outcomes.first)
        #expect(outcome.result == .healed)
        #expect(calls.all == ["flaky"])
        #expect(outcome.detail.contains("re-ran the failed CI jobs (https://ci.example.invalid/runs/1)"))
    }

    @Test("a dry run never re-runs host CI")
    func dryRunLeavesHostAlone() async throws {
        let f = try HealFixture()
        try await f.add("flaky", steps: [.test: "sh test.sh"], files: ["test.sh": Scripts.flaky(counter: f.outside + "/flaky.count")])
        try await f.build()
        try await f.build()
        let calls = Calls()
        var engine = try f.engine()
        engine.hostRerun = { repository in calls.add(repository.name); return nil }
        _ = try await engine.run(manifest: f.manifest, options: HealingOptions(dryRun: true))
        #expect(calls.all.isEmpty)
    }
}
