import Foundation
import GRDB
import InfinityModel
import InfinityStore
import InfinityTestSupport
import Testing

@Suite("State store")
struct StateStoreTests {
    @Test("a new store is created with its folder, in WAL mode")
    func createsInWAL() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("deep/.infinity/state.sqlite")
        _ = try StateStore(path: path)
        let queue = try DatabaseQueue(path: path)
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(Set(tables).isSuperset(of: ["runs", "repository_results", "discovery_snapshots", "audit_log", "detection_cache"]))
    }

    @Test("runs are recorded, finished and listed newest first")
    func runs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try StateStore(path: dir.url("s.sqlite"))
        let t0 = Date(timeIntervalSince1970: 1_700_000_000)
        let a = try store.beginRun(workflow: "discover", trigger: "manual", at: t0)
        let b = try store.beginRun(workflow: "cycle", trigger: "schedule", at: t0.addingTimeInterval(60))
        try store.finishRun(a.id, status: .succeeded, summary: "ok", at: t0.addingTimeInterval(5))
        let runs = try store.runs()
        #expect(runs.map(\.id) == [b.id, a.id])
        #expect(runs[1].status == .succeeded && runs[1].finishedAt == t0.addingTimeInterval(5) && runs[1].summary == "ok")
        #expect(runs[0].status == .running)
        #expect(try store.runs(workflow: "cycle").map(\.id) == [b.id])
        try store.recordResults([
            RepositoryResultRecord(runID: a.id, repository: "x", stage: "build", status: "failed", detail: "{}"),
            RepositoryResultRecord(runID: a.id, repository: "y", stage: "build", status: "succeeded"),
        ])
        #expect(try store.results(runID: a.id).count == 2)
        #expect(try store.results(repository: "x", stage: "build").first?.status == "failed")
    }

    @Test("the audit log is append-only")
    func auditAppendOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("s.sqlite")
        let store = try StateStore(path: path)
        try store.appendAudit(AuditEntry(at: Date(), action: "manifest.write", target: "m.json", outcome: "ok"))
        try store.appendAudit(AuditEntry(at: Date(), action: "alert.open", target: "repo_1%", outcome: "ok"))
        #expect(try store.audit().map(\.action) == ["alert.open", "manifest.write"])
        #expect(try store.audit(actionPrefix: "alert.").count == 1)
        #expect(try store.audit(target: "repo_1%").count == 1)
        let queue = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET outcome = 'forged'") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log") } }
        #expect(try store.audit().count == 2)
    }

    @Test("two stores on one file write concurrently without losing rows")
    func concurrentWriters() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("s.sqlite")
        let one = try StateStore(path: path)
        let two = try StateStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, store) in [one, two].enumerated() {
                group.addTask {
                    for j in 0..<100 {
                        try store.appendAudit(AuditEntry(at: Date(), action: "test", target: "w\(i)-\(j)", outcome: "ok"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try one.audit(limit: 1000).count == 200)
    }

    @Test("a corrupt database file is a clear error naming the file")
    func corruptFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("s.sqlite")
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try StateStore(path: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(path))
        }
    }
}
