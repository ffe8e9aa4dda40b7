import Foundation
import InfinityStore
import InfinityTestSupport
import Testing

@Suite("Build result cache in the store")
struct BuildKeyStoreTests {
    @Test("results and keys are recorded together; the latest outcome at a key wins; old keys are pruned")
    func recordAndPrune() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try StateStore(path: dir.url("state.sqlite"))
        let run = try store.beginRun(workflow: "build", trigger: "test", at: Date(timeIntervalSince1970: 1000))
        func key(_ k: String, _ status: String, at t: Double) -> BuildKeyRecord {
            BuildKeyRecord(repository: "a", cacheKey: k, ownKey: "own-" + k, status: status, runID: run.id,
                           recordedAt: Date(timeIntervalSince1970: t), detail: "{\"cache_key\":\"\(k)\"}", durationSeconds: 1.5)
        }
        try store.recordBuild(results: [RepositoryResultRecord(runID: run.id, repository: "a", stage: "build", status: "failed")],
                              keys: [key("k0", "failed", at: 1)])
        try store.recordBuild(results: [RepositoryResultRecord(runID: run.id, repository: "a", stage: "build", status: "succeeded")],
                              keys: [key("k0", "succeeded", at: 2)])
        var keys = try store.buildKeys()
        #expect(keys["a"]?.count == 1 && keys["a"]?.first?.status == "succeeded")
        #expect(keys["a"]?.first?.durationSeconds == 1.5)
        for i in 1...30 { try store.recordBuild(results: [], keys: [key("k\(i)", "succeeded", at: Double(10 + i))]) }
        keys = try store.buildKeys()
        #expect(keys["a"]?.count == StateStore.buildKeysKeptPerRepository)
        #expect(keys["a"]?.first?.cacheKey == "k30")
        #expect(try store.latestBuildResults().map(\.status) == ["succeeded"])
        #expect(try store.forgetBuildKeys(repository: "a") == StateStore.buildKeysKeptPerRepository)
        #expect(try store.buildKeys().isEmpty)
    }

    @Test("a v1 database is migrated to v2-build in place, keeping its runs")
    func migratesExisting() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.url("state.sqlite")
        do {
            let store = try StateStore(path: path)
            _ = try store.beginRun(workflow: "discover", trigger: "test", at: Date(timeIntervalSince1970: 5))
        }
        let reopened = try StateStore(path: path)
        #expect(try reopened.runs().count == 1)
        #expect(try reopened.buildKeys().isEmpty)
    }
}
