import CodeHosts
import Foundation
@testable import HealthMonitor
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("Alerts")
struct AlertTests {
    /// A fixture with one repository that is unhealthy (no hygiene files, a failed build).
    func unhealthyFixture() async throws -> (HealthFixture, ManifestRepository) {
        let f = try HealthFixture()
        let repo = try await f.repository("orders", files: ["x.txt": "x\n"])
        try f.writeManifest([repo])
        return (f, repo)
    }

    @Test("opened once when unhealthy, updated in place when the failing checks change, reminded after 24 h, closed when healthy")
    func lifecycle() async throws {
        let (f, repo) = try await unhealthyFixture()
        let first = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(first.alerts.map(\.kind) == [.open])
        #expect(first.alerts.map(\.outcome) == [.done])
        #expect(f.alertFiles() == ["health-orders.md"])
        let opened = try f.alertText("health-orders.md")
        #expect(opened.contains("<!-- infinity:alert:health:orders -->"))
        #expect(opened.contains("state: \"open\""))
        #expect(opened.contains("`license`"))

        // Same failing checks, an hour later: nothing.
        f.clock.advance(by: 3600)
        #expect(try await f.monitor().run(manifestPath: f.manifestPath).alerts.isEmpty)

        // Failing checks change: updated in place, still one file.
        var changed = try await f.commit(repo, files: ["README.md": "# orders\n"], date: HealthFixture.commitDate + 100)
        try f.writeManifest([changed])
        let update = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(update.reports[0].status == .unhealthy)
        #expect(update.alerts.map(\.kind) == [.update])
        #expect(f.alertFiles() == ["health-orders.md"])
        #expect(!(try f.alertText("health-orders.md")).contains("`readme`"))

        // Unchanged for 25 h: one reminder, then quiet again.
        f.clock.advance(by: 25 * 3600)
        #expect(try await f.monitor().run(manifestPath: f.manifestPath).alerts.map(\.kind) == [.remind])
        #expect(try await f.monitor().run(manifestPath: f.manifestPath).alerts.isEmpty)
        #expect(try f.alertText("health-orders.md").contains("Still unhealthy"))

        // Healthy again: closed.
        changed = try await f.commit(changed, files: HealthFixture.healthyFiles, date: HealthFixture.commitDate + 200)
        try f.writeManifest([changed])
        let close = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(close.reports[0].status == .healthy)
        #expect(close.alerts.map(\.kind) == [.close])
        #expect(try f.alertText("health-orders.md").contains("state: \"closed\""))
        #expect(try f.store.alert(key: "health:orders")?.state == .closed)

        let audit = try f.store.audit(actionPrefix: "alert.").map(\.action)
        #expect(audit == ["alert.close", "alert.remind", "alert.update", "alert.open"])
    }

    @Test("two concurrent passes on two store connections open the alert once")
    func concurrentPassesOpenOnce() async throws {
        let (f, _) = try await unhealthyFixture()
        let secondStore = try StateStore(path: f.storePath)
        let a = f.monitor()
        let b = f.monitor(store: secondStore)
        async let ra = a.run(manifestPath: f.manifestPath)
        async let rb = b.run(manifestPath: f.manifestPath)
        let (x, y) = try await (ra, rb)
        let done = (x.alerts + y.alerts).filter { $0.outcome == .done }
        #expect(done.count == 1)
        #expect(done.first?.kind == .open)
        #expect(f.alertFiles().count == 1)
        #expect(try f.store.audit(actionPrefix: "alert.open").count == 1)
    }

    @Test("after the store is lost, the alert is found by its marker and updated, not duplicated")
    func survivesLostLedger() async throws {
        let (f, _) = try await unhealthyFixture()
        _ = try await f.monitor().run(manifestPath: f.manifestPath)
        let freshStore = try StateStore(path: f.dir.url("other/state.sqlite"))
        let again = try await f.monitor(store: freshStore).run(manifestPath: f.manifestPath)
        #expect(again.alerts.map(\.kind) == [.open])
        #expect(again.alerts.map(\.outcome) == [.done])
        #expect(f.alertFiles() == ["health-orders.md"])
    }

    @Test("a failing channel rolls the claim back so the next pass retries, and the failure is audited")
    func channelFailureRetries() async throws {
        let (f, _) = try await unhealthyFixture()
        // A file where the alerts folder should be makes every write fail.
        try Data("blocker".utf8).write(to: URL(fileURLWithPath: f.alertsDirectory))
        let failed = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(failed.alerts.map(\.outcome) == [.failed])
        #expect(try f.store.alert(key: "health:orders") == nil)
        #expect(try f.store.audit(actionPrefix: "alert.").first?.outcome == "failed")
        try FileManager.default.removeItem(atPath: f.alertsDirectory)
        let retried = try await f.monitor().run(manifestPath: f.manifestPath)
        #expect(retried.alerts.map(\.outcome) == [.done])
        #expect(f.alertFiles() == ["health-orders.md"])
    }

    @Test("the planner's rules")
    func planner() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        func report(_ status: HealthSummary.Status, failing: [String] = ["build"]) -> HealthReport {
            HealthReport(repository: "r", headSHA: nil, checkedAt: now, score: 10, status: status,
                         checks: failing.map { CheckResult(id: $0, title: $0, weight: 1, outcome: .fail, evidence: "") })
        }
        let open = AlertRecord(key: "health:r", repository: "r", state: .open, failingHash: AlertPlanner.failingHash(report(.unhealthy)),
                               openedAt: now, updatedAt: now, pingedAt: now.addingTimeInterval(-3600))
        var closed = open
        closed.state = .closed
        #expect(AlertPlanner.plan(report(.unhealthy), record: nil, now: now, realertAfter: 86_400) == .open)
        #expect(AlertPlanner.plan(report(.unhealthy), record: closed, now: now, realertAfter: 86_400) == .open)
        #expect(AlertPlanner.plan(report(.unhealthy), record: open, now: now, realertAfter: 86_400) == nil)
        #expect(AlertPlanner.plan(report(.unhealthy), record: open, now: now, realertAfter: 1800) == .remind)
        #expect(AlertPlanner.plan(report(.unhealthy, failing: ["build", "license"]), record: open, now: now, realertAfter: 86_400) == .update)
        #expect(AlertPlanner.plan(report(.healthy, failing: []), record: open, now: now, realertAfter: 86_400) == .close)
        #expect(AlertPlanner.plan(report(.healthy, failing: []), record: closed, now: now, realertAfter: 86_400) == nil)
        #expect(AlertPlanner.plan(report(.degraded, failing: ["license"]), record: open, now: now, realertAfter: 86_400) == .update)
        #expect(AlertPlanner.plan(report(.degraded, failing: ["license"]), record: nil, now: now, realertAfter: 86_400) == nil)
        #expect(AlertPlanner.plan(report(.unknown), record: open, now: now, realertAfter: 1) == nil)
    }

    @Test("the local channel round-trips, escapes hostile keys and keeps comments across updates")
    func localChannel() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clock = TestClock()
        let channel = LocalAlertChannel(directory: dir.url("alerts"), clock: clock.wallClock)
        let hostile = "health:" + AlertMarker.escape("evil --> name\n$(rm -rf)")
        #expect(!hostile.contains("-->") && !hostile.contains("\n") && !hostile.contains(" "))
        #expect(try await channel.find(key: hostile) == nil)
        let opened = try await channel.open(key: hostile, title: "t1", body: "b1\n")
        #expect(Paths.basename(opened.reference).hasSuffix(".md"))
        #expect(!Paths.basename(opened.reference).contains("$"))
        _ = try await channel.comment(on: opened, text: "ping")
        let updated = try await channel.update(opened, title: "t2 \"quoted\"", body: "b2\n", reopen: false)
        let found = try #require(try await channel.find(key: hostile))
        #expect(found.title == "t2 \"quoted\"")
        #expect(found.body == "b2\n")
        #expect(found.commentCount == 1)
        #expect(found.state == .open)
        let closed = try await channel.close(updated, comment: "bye")
        #expect(closed.state == .closed)
        #expect(try await channel.find(key: hostile)?.state == .closed)
        #expect(try await channel.find(key: hostile)?.commentCount == 2)
        #expect(AlertMarker.key(in: try String(contentsOfFile: opened.reference, encoding: .utf8)) == hostile)
        // Two keys that would share a readable name get distinct files.
        #expect(channel.path(for: "health:a_b") != channel.path(for: "health:a b"))
    }

    @Test("a file that is not an alert for the key is refused, not overwritten")
    func foreignFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let channel = LocalAlertChannel(directory: dir.url("alerts"))
        try FileManager.default.createDirectory(atPath: dir.url("alerts"), withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: URL(fileURLWithPath: channel.path(for: "health:x")))
        await #expect(throws: AlertChannelError.self) { try await channel.find(key: "health:x") }
    }
}
