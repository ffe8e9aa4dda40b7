import BuildPipeline
import Foundation
import InfinityModel
import InfinityTestSupport
import InfinityStore
import InfinitySystem
import Testing

@Suite("Build caches")
struct BuildCacheTests {
    /// The demo's cache-demo build: reuses a cached intermediate when its checksum matches.
    static let cachingBuild = """
        set -eu
        cache="$INFINITY_CACHE_DIR/$INFINITY_REPOSITORY/intermediate.bin"
        if [ -f "$cache" ]; then
            [ "$(cat "$cache.sha256")" = "$(sha256sum "$cache" | cut -d' ' -f1)" ] || { echo "error: cache corrupted" >&2; exit 1; }
        else
            mkdir -p "$(dirname "$cache")"; echo product > "$cache"; sha256sum "$cache" | cut -d' ' -f1 > "$cache.sha256"
        fi
        """

    @Test("a corrupted cache fails the build until clear(repository:ecosystem:) removes it; the clear is audited")
    func corruptedCacheCleared() async throws {
        let f = try BuildFixture()
        try await f.add("cache-demo", system: "shell", steps: [.build: Self.cachingBuild])
        try await f.add("bystander", system: "shell", steps: [.build: Self.cachingBuild])
        let seeded = Paths.join(f.state, "cache/shell/cache-demo/intermediate.bin")
        try FileManager.default.createDirectory(atPath: Paths.dirname(seeded), withIntermediateDirectories: true)
        try "intermediate\n".write(toFile: seeded, atomically: true, encoding: .utf8)
        try "0000\n".write(toFile: seeded + ".sha256", atomically: true, encoding: .utf8)

        let first = try await f.build()
        #expect(first.result("cache-demo")?.status == .failed)
        #expect(f.firstLog(first.result("cache-demo")).contains("error: cache corrupted"))
        #expect(first.result("bystander")?.status == .succeeded)

        let cache = BuildCache(stateDirectory: f.state, store: f.store)
        let cleared = try cache.clear(repository: "cache-demo", ecosystem: "shell", runID: nil, reason: "healing: corrupted cache")
        #expect(cleared.removed.contains(Paths.join(f.state, "cache/shell/cache-demo")))
        #expect(cleared.removed.contains(Paths.join(f.state, "workspace/trees/cache-demo")))
        #expect(!FileManager.default.fileExists(atPath: seeded))
        #expect(FileManager.default.fileExists(atPath: Paths.join(f.state, "cache/shell/bystander/intermediate.bin")))
        let audit = try f.store.audit(limit: 5, actionPrefix: "cache.clear")
        #expect(audit.first?.target == "cache-demo" && audit.first?.outcome == "ok")
        #expect(audit.first?.detail?.contains("healing: corrupted cache") == true)

        let second = try await f.build()
        #expect(second.result("cache-demo")?.status == .succeeded)
        #expect(second.result("bystander")?.status == .cached)
    }

    @Test("clearing an ecosystem, everything, or forgetting results; a bad ecosystem name is refused")
    func clearScopes() async throws {
        let f = try BuildFixture()
        try await f.add("a", system: "make", steps: [.build: "mkdir -p \"$INFINITY_CACHE_DIR/x\" && echo 1 > \"$INFINITY_CACHE_DIR/x/f\""])
        try await f.add("b", system: "python", steps: [.build: "echo 1 > \"$PIP_CACHE_DIR.txt\""])
        _ = try await f.build()
        let cache = BuildCache(stateDirectory: f.state, store: f.store)
        let status = cache.status()
        #expect(status.ecosystems.map(\.name) == ["make", "python"])
        #expect(status.workTrees == 2 && status.successfulKeys == 2)
        #expect(status.ecosystems.first?.files == 1)

        let error = #expect(throws: BuildError.self) { try cache.clear(ecosystem: "../..") }
        #expect(error?.code == .invalidEcosystem)
        #expect(FileManager.default.fileExists(atPath: f.state))

        try cache.clear(ecosystem: "make")
        #expect(cache.status().ecosystems.map(\.name) == ["python"])
        let all = try cache.clear(forgetResults: true)
        #expect(all.removed == [Paths.join(f.state, "cache")] && all.forgottenResults == 2)
        #expect(try await f.plan().entry("a")?.reason == .neverBuilt)
        let nothing = try cache.clear(repository: "a")
        #expect(nothing.removed.isEmpty || nothing.removed == [Paths.join(f.state, "workspace/trees/a")])
        #expect(try f.store.audit(limit: 10, actionPrefix: "cache.clear").map(\.target) == ["a", "all", "ecosystem:make"])
    }
}
