import Foundation
import InfinityStore
import InfinityTestSupport
import Testing

@Suite("State store: healing records")
struct HealingStoreTests {
    @Test("one open incident per repository; resolving records who fixed it")
    func incidents() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try StateStore(path: dir.url("s.sqlite"))
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let a = try store.openIncident(repository: "r", category: "flaky_test", at: t0)
        let b = try store.openIncident(repository: "r", category: "timeout", at: t0.addingTimeInterval(60))
        #expect(a.id == b.id && b.category == "flaky_test" && b.openedAt == t0)
        #expect(try store.incidents(openOnly: true).count == 1)
        let resolved = try store.resolveIncident(repository: "r", by: "rerun", at: t0.addingTimeInterval(300))
        #expect(resolved?.resolvedBy == "rerun" && resolved?.resolvedAt == t0.addingTimeInterval(300))
        #expect(try store.resolveIncident(repository: "r", by: nil, at: t0) == nil)
        _ = try store.openIncident(repository: "r", category: "auth", at: t0.addingTimeInterval(400))
        #expect(try store.incidents().count == 2 && store.incidents(openOnly: true).count == 1)
    }

    @Test("heal attempts are listed per window and builds are counted")
    func attempts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try StateStore(path: dir.url("s.sqlite"))
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let id = try store.recordHealAttempt(HealAttemptRecord(repository: "r", category: "flaky_test", action: "rerun", headSHA: "abc", startedAt: t0, outcome: "pending", retried: true))
        try store.recordHealAttempt(HealAttemptRecord(repository: "r", category: "flaky_test", action: "rerun", headSHA: "abc", startedAt: t0.addingTimeInterval(-90_000), outcome: "failed", retried: true))
        try store.finishHealAttempt(id: id, outcome: "succeeded", at: t0.addingTimeInterval(5), detail: "passed on re-run")
        let recent = try store.healAttempts(since: t0.addingTimeInterval(-86_400), repository: "r")
        #expect(recent.count == 1 && recent[0].outcome == "succeeded" && recent[0].detail == "passed on re-run")
        let run = try store.beginRun(workflow: "build", trigger: "test", at: t0)
        try store.recordResults([
            RepositoryResultRecord(runID: run.id, repository: "r", stage: "build", status: "failed", startedAt: t0),
            RepositoryResultRecord(runID: run.id, repository: "s", stage: "build", status: "cached", startedAt: t0),
        ])
        #expect(try store.buildCount(since: t0.addingTimeInterval(-10)) == 1)
    }

    @Test("circuit breakers round-trip")
    func breakers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try StateStore(path: dir.url("s.sqlite"))
        #expect(try store.circuitBreakerFields(repository: "r") == nil)
        let t = Date(timeIntervalSince1970: 1_700_000_000)
        try store.storeCircuitBreaker(repository: "r", state: "open", failures: 3, openedAt: t)
        let f = try #require(try store.circuitBreakerFields(repository: "r"))
        #expect(f.state == "open" && f.failures == 3 && f.openedAt == t)
    }
}
