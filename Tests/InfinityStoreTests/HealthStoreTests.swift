import Foundation
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing

@Suite("Health store tables")
struct HealthStoreTests {
    func store() throws -> (StateStore, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        return (try StateStore(path: dir.url("state.sqlite")), dir)
    }

    let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a SARIF import from one tool never marks another tool's findings fixed")
    func sarifImportsArePerTool() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        let codeql = Finding(ruleID: "js/xss", severity: .high, file: "a.js", line: 3, fingerprint: "CodeQL:1")
        let trivy = Finding(ruleID: "CVE-1", severity: .critical, file: "go.mod", line: 1, fingerprint: "Trivy:9")
        try s.upsertFindings(repository: "r", kind: .sarif, findings: [codeql], at: t0)
        try s.upsertFindings(repository: "r", kind: .sarif, findings: [trivy], at: t0.addingTimeInterval(60))
        #expect(Set(try s.openFindings(repository: "r").map(\.finding.fingerprint)) == ["CodeQL:1", "Trivy:9"])
        // A new CodeQL import without the old result fixes only CodeQL's.
        let other = Finding(ruleID: "js/sqli", severity: .high, file: "b.js", line: 9, fingerprint: "CodeQL:2")
        try s.upsertFindings(repository: "r", kind: .sarif, findings: [other], at: t0.addingTimeInterval(120))
        #expect(Set(try s.openFindings(repository: "r").map(\.finding.fingerprint)) == ["CodeQL:2", "Trivy:9"])
    }

    @Test("findings: a rescan refreshes what it sees, fixes what it no longer sees, and keeps accepted ones accepted")
    func findingsLifecycle() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        let a = Finding(ruleID: "aws", severity: .critical, file: "a.env", line: 1, fingerprint: "fa")
        let b = Finding(ruleID: "gh", severity: .high, file: "b.env", line: 2, fingerprint: "fb")
        try s.upsertFindings(repository: "r", kind: .secret, findings: [a, b, a], at: t0)
        #expect(try s.openFindings(repository: "r").map(\.finding.fingerprint) == ["fa", "fb"])
        #expect(try s.findingScans()["r"]?[.secret] == t0)

        let accepted = try #require(try s.openFindings(repository: "r").first { $0.finding.fingerprint == "fb" })
        #expect(try s.setFindingState(id: accepted.id, .accepted))
        let t1 = t0.addingTimeInterval(60)
        try s.upsertFindings(repository: "r", kind: .secret, findings: [b], at: t1)
        let all = try s.findings(repository: "r")
        #expect(all.first { $0.finding.fingerprint == "fa" }?.state == .fixed)
        #expect(all.first { $0.finding.fingerprint == "fb" }?.state == .accepted)
        #expect(all.first { $0.finding.fingerprint == "fb" }?.lastSeen == t1)
        #expect(all.first { $0.finding.fingerprint == "fb" }?.firstSeen == t0)
        #expect(try s.openFindingCounts()["r"]?.total(.secret) == nil)

        // A fixed finding that comes back is open again; other kinds are untouched.
        try s.upsertFindings(repository: "r", kind: .secret, findings: [a, b], at: t1.addingTimeInterval(60))
        try s.upsertFindings(repository: "r", kind: .vulnerability, findings: [], at: t1)
        #expect(try s.openFindings(repository: "r").first { $0.finding.fingerprint == "fa" }?.state == .open)
        #expect(try s.openFindingCounts()["r"]?.count(.secret, .critical) == 1)
    }

    @Test("healing requests: one pending per repository and reason, none again for a handled cause")
    func healingRequests() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        guard case .created(let first) = try s.addHealingRequest(repository: "r", reason: "build-failed", detail: "{}", dedupeKey: "build:1", at: t0) else {
            Issue.record("expected a new request"); return
        }
        guard case .alreadyOpen = try s.addHealingRequest(repository: "r", reason: "build-failed", detail: nil, dedupeKey: "build:2", at: t0) else {
            Issue.record("expected the open request"); return
        }
        #expect(try s.markHealingRequest(id: first.id, .taken, from: .pending))
        #expect(try !s.markHealingRequest(id: first.id, .taken, from: .pending))
        guard case .alreadyOpen = try s.addHealingRequest(repository: "r", reason: "build-failed", detail: nil, dedupeKey: "build:2", at: t0) else {
            Issue.record("a taken request is still open"); return
        }
        #expect(try s.markHealingRequest(id: first.id, .done))
        guard case .alreadyHandled = try s.addHealingRequest(repository: "r", reason: "build-failed", detail: nil, dedupeKey: "build:1", at: t0) else {
            Issue.record("the same cause must not come back"); return
        }
        guard case .created = try s.addHealingRequest(repository: "r", reason: "build-failed", detail: nil, dedupeKey: "build:2", at: t0) else {
            Issue.record("a new cause is a new request"); return
        }
        #expect(try s.pendingHealingRequests().count == 1)
        #expect(try s.healingRequestCounts() == [.done: 1, .pending: 1])
    }

    @Test("concurrent writers on separate connections record one pending request")
    func healingConcurrent() async throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        let others = try (0..<4).map { _ in try StateStore(path: s.path) }
        let t0 = self.t0
        await withTaskGroup(of: Void.self) { group in
            for (i, other) in others.enumerated() {
                group.addTask {
                    for j in 0..<10 {
                        _ = try? other.addHealingRequest(repository: "r", reason: "build-failed", detail: nil, dedupeKey: "build:\(i)-\(j)", at: t0)
                    }
                }
            }
        }
        #expect(try s.healingRequests().count == 1)
    }

    @Test("the alert ledger is compare-and-swap: a stale version or a second insert loses")
    func alertSwap() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        let r = AlertRecord(key: "health:x", repository: "x", state: .open, failingHash: "h", openedAt: t0, updatedAt: t0, pingedAt: t0)
        let stored = try #require(try s.swapAlert(r, expectedVersion: nil))
        #expect(stored.version == 1)
        #expect(try s.swapAlert(r, expectedVersion: nil) == nil)
        var closed = stored
        closed.state = .closed
        #expect(try s.swapAlert(closed, expectedVersion: 7) == nil)
        #expect(try s.swapAlert(closed, expectedVersion: 1)?.version == 2)
        #expect(try s.alert(key: "health:x")?.state == .closed)
        #expect(try !s.removeAlert(key: "health:x", expectedVersion: 1))
        #expect(try s.removeAlert(key: "health:x", expectedVersion: 2))
        #expect(try s.alerts().isEmpty)
    }

    @Test("latest results pick the newest row per repository, optionally among statuses")
    func latestResults() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        let run = try s.beginRun(workflow: "build", trigger: "t", at: t0)
        try s.recordResults([
            RepositoryResultRecord(runID: run.id, repository: "a", stage: "build", status: "succeeded"),
            RepositoryResultRecord(runID: run.id, repository: "a", stage: "build", status: "failed"),
            RepositoryResultRecord(runID: run.id, repository: "b", stage: "build", status: "cached"),
            RepositoryResultRecord(runID: run.id, repository: "a", stage: "discovery", status: "discovered"),
        ])
        let latest = try s.latestResults(stage: "build")
        #expect(latest["a"]?.status == "failed")
        #expect(latest["b"]?.status == "cached")
        #expect(try s.latestResults(stage: "build", statuses: ["succeeded", "cached"])["a"]?.status == "succeeded")
        #expect(try s.resultCounts(stage: "build") == ["succeeded": 1, "failed": 1, "cached": 1])
    }

    @Test("health history keeps a row per pass, the latest report per repository, and drops rows past retention")
    func history() throws {
        let (s, dir) = try store()
        defer { dir.remove() }
        func report(_ score: Int, at: Date) -> HealthReport {
            HealthReport(repository: "r", headSHA: "abc", checkedAt: at, score: score, status: .healthy, checks: [])
        }
        try s.recordHealth([report(90, at: t0)], runID: nil)
        try s.recordHealth([report(70, at: t0.addingTimeInterval(60))], runID: "run-2")
        #expect(try s.healthHistory(repository: "r").map(\.score) == [70, 90])
        #expect(try s.latestHealth()["r"]?.score == 70)
        #expect(try s.latestHealthReports().map(\.score) == [70])
        try s.recordHealth([report(75, at: t0.addingTimeInterval(100 * 86_400))], runID: nil, keepHistory: 30 * 86_400)
        #expect(try s.healthHistory(repository: "r").map(\.score) == [75])
    }
}
