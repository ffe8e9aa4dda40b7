import CodeHosts
import DiscoveryEngine
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Testing

@Suite("Discovery over a folder of real git repositories")
struct DiscoveryTests {
    let fixture = GitFixture()

    /// A folder `org/` of repositories and an engine over it.
    struct World {
        let dir: TemporaryDirectory
        var org: String { dir.url("org") }
        var manifest: String { dir.url("config/repositories.json") }
        let store: StateStore

        func engine(_ configure: (inout OrchestratorConfiguration) -> Void = { _ in }) -> DiscoveryEngine {
            var config = OrchestratorConfiguration()
            config.organization = "acme"
            config.local.path = org
            configure(&config)
            let host = LocalFolderHost(organization: "acme", folder: config.local.path, listed: config.local.repositories,
                                       cloneDirectory: dir.url(".infinity/workspace/sources"), inspector: .live())
            return DiscoveryEngine(configuration: config, host: host, store: store)
        }
    }

    func world() throws -> World {
        let dir = try TemporaryDirectory(prefix: "infinity-discovery")
        try FileManager.default.createDirectory(atPath: dir.url("org"), withIntermediateDirectories: true)
        return World(dir: dir, store: try StateStore(path: dir.url(".infinity/state.sqlite")))
    }

    @Test("work trees and bare repositories are found with branch, head and commit time")
    func findsRepositories() async throws {
        let w = try world()
        defer { w.dir.remove() }
        let a = try await fixture.makeRepository(at: w.org + "/lib", files: ["go.mod": "module example.com/lib\n"], date: 1_650_000_000)
        try await fixture.makeRepository(at: w.dir.url("src-app"), files: ["go.mod": "module example.com/app\nrequire example.com/lib v1.0.0\n"], branch: "trunk")
        try await fixture.bareClone(w.dir.url("src-app"), to: w.org + "/app.git")
        let result = try await w.engine().discover(manifestPath: w.manifest)
        #expect(result.manifest.repositories.map(\.name) == ["app", "lib"])
        let lib = try #require(result.manifest.repository(named: "lib"))
        #expect(lib.headSHA == a && lib.defaultBranch == "main" && lib.lastCommitAt == Date(timeIntervalSince1970: 1_650_000_000))
        #expect(lib.fullName == "acme/lib" && lib.buildSystems == ["go"])
        let app = try #require(result.manifest.repository(named: "app"))
        #expect(app.defaultBranch == "trunk")
        #expect(app.dependencies == [RepositoryDependency(repository: "lib", declaredIn: "go.mod", via: "go:example.com/lib")])
        #expect(result.changes.added == ["app", "lib"])
        #expect(result.wroteManifest)
    }

    @Test("a second discovery is byte-identical and reports no changes; a moved head is `changed`")
    func determinismAndChanges() async throws {
        let w = try world()
        defer { w.dir.remove() }
        try await fixture.makeRepository(at: w.org + "/a", files: ["Makefile": "all:\n\ttrue\n"])
        try await fixture.makeRepository(at: w.org + "/b", files: ["build.sh": "true\n"])
        _ = try await w.engine().discover(manifestPath: w.manifest)
        let first = try Data(contentsOf: URL(fileURLWithPath: w.manifest))
        let again = try await w.engine().discover(manifestPath: w.manifest)
        #expect(again.changes.count == 0 && again.changes.unchanged == ["a", "b"])
        #expect(!again.wroteManifest)
        #expect(try Data(contentsOf: URL(fileURLWithPath: w.manifest)) == first)

        try await fixture.commit(in: w.org + "/a", files: ["Makefile": "all:\n\ttrue\ntest:\n\ttrue\n"])
        try FileManager.default.removeItem(atPath: w.org + "/b")
        try await fixture.makeRepository(at: w.org + "/c", files: ["x.py": ""])
        let third = try await w.engine().discover(manifestPath: w.manifest)
        #expect(third.changes.changed == ["a"] && third.changes.removed == ["b"] && third.changes.added == ["c"])
        #expect(third.manifest.repository(named: "a")?.step(.test)?.run == "make test")
        let snapshots = try w.store.snapshots()
        #expect(snapshots.count == 3 && snapshots[0].changes.changed == ["a"])
        let audit = try w.store.audit(actionPrefix: "manifest.")
        #expect(audit.map(\.outcome) == ["ok", "unchanged", "ok"])
    }

    @Test("include/exclude globs, .infinity.yml and orchestrator overrides shape the manifest")
    func filtersAndOverrides() async throws {
        let w = try world()
        defer { w.dir.remove() }
        try await fixture.makeRepository(at: w.org + "/svc-a", files: ["Makefile": "all:\n\ttrue\n", ".infinity.yml": "build: make release\ntest: make check\n"])
        try await fixture.makeRepository(at: w.org + "/svc-b", files: ["Makefile": "all:\n\ttrue\ntest:\n\ttrue\n"])
        try await fixture.makeRepository(at: w.org + "/web", files: ["package.json": "{}"])
        let result = try await w.engine { c in
            c.include = [Glob("svc-*")]
            c.overrides["svc-a"] = RepositoryOverride(test: "make verify", dependsOn: ["svc-b", "svc-zzz"])
            c.overrides["svc-c"] = RepositoryOverride(build: "x")
            c.overrides["svc-b"] = RepositoryOverride(test: "")
        }.discover(manifestPath: w.manifest)
        #expect(result.manifest.repositories.map(\.name) == ["svc-a", "svc-b"])
        #expect(result.filteredOut == 1)
        let a = try #require(result.manifest.repository(named: "svc-a"))
        #expect(a.step(.build) == BuildStep(name: .build, run: "make release", source: ".infinity.yml"))
        #expect(a.step(.test) == BuildStep(name: .test, run: "make verify", source: "orchestrator.yml"))
        #expect(a.dependencies == [RepositoryDependency(repository: "svc-b", declaredIn: "orchestrator.yml", via: "depends_on")])
        #expect(result.manifest.repository(named: "svc-b")?.step(.test) == nil)
        #expect(result.diagnostics.contains { $0.message.contains("svc-zzz") })
        #expect(result.diagnostics.contains { $0.message.contains("overrides.svc-c") && $0.remedy?.contains("svc-a") == true })
    }

    @Test("a broken .infinity.yml is a warning naming the file, and detection still applies")
    func brokenRepositoryFile() async throws {
        let w = try world()
        defer { w.dir.remove() }
        try await fixture.makeRepository(at: w.org + "/r", files: ["Makefile": "all:\n\ttrue\n", ".infinity.yml": "biuld: x\n"])
        let result = try await w.engine().discover(manifestPath: w.manifest)
        #expect(result.manifest.repository(named: "r")?.step(.build)?.run == "make")
        let d = try #require(result.diagnostics.first { $0.location?.contains(".infinity.yml") == true })
        #expect(d.location == "r/.infinity.yml:1:1" && d.remedy == "did you mean `build`?")
    }

    @Test("hostile folder contents are skipped with warnings or handled as plain data")
    func badInput() async throws {
        let w = try world()
        defer { w.dir.remove() }
        let fm = FileManager.default
        // Names that would be dangerous as shell text, or hard to print.
        let odd = ["with space", "quote'\"s", "$(touch pwned)", "new\nline", "naïve-ünïcode"]
        for name in odd { try await fixture.makeRepository(at: w.org + "/" + name, files: ["build.sh": "true\n"]) }
        try fm.createDirectory(atPath: w.org + "/not-a-repo", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: w.org + "/corrupt/.git", withIntermediateDirectories: true)   // no HEAD
        try await fixture.makeRepository(at: w.org + "/bad-head", files: ["a": "a"])
        try Data("ref: refs/heads/nowhere\n".utf8).write(to: URL(fileURLWithPath: w.org + "/bad-head/.git/HEAD"))
        try await fixture.makeRepository(at: w.dir.url("outside"), files: ["a": "a"])
        try fm.createSymbolicLink(atPath: w.org + "/escape", withDestinationPath: w.dir.url("outside"))
        try fm.createSymbolicLink(atPath: w.org + "/loop1", withDestinationPath: w.org + "/loop2")
        try fm.createSymbolicLink(atPath: w.org + "/loop2", withDestinationPath: w.org + "/loop1")
        try fm.createSymbolicLink(atPath: w.org + "/alias", withDestinationPath: w.org + "/with space")
        try Data("x".utf8).write(to: URL(fileURLWithPath: w.org + "/README.md"))

        let result = try await w.engine().discover(manifestPath: w.manifest)
        let names = Set(result.manifest.repositories.map(\.name))
        #expect(names == Set(odd + ["bad-head"]))
        #expect(!fm.fileExists(atPath: w.org + "/pwned") && !fm.fileExists(atPath: "pwned"))
        #expect(result.manifest.repository(named: "bad-head")?.headSHA == nil)
        func warned(_ repo: String, _ text: String) -> Bool {
            result.diagnostics.contains { $0.repository == repo && $0.message.contains(text) }
        }
        #expect(warned("not-a-repo", "not a git repository"))
        #expect(warned("corrupt", "corrupt git repository"))
        #expect(warned("escape", "outside the repositories folder"))
        #expect(warned("loop1", "dangling or loops") && warned("loop2", "dangling or loops"))
        #expect(result.diagnostics.contains { $0.repository == "alias" && $0.message.contains("listed once") })
        // The manifest still decodes and keeps the odd names as data.
        let decoded = try ManifestCoding.decode(Data(contentsOf: URL(fileURLWithPath: w.manifest)), file: w.manifest)
        #expect(decoded.repository(named: "new\nline") != nil)
        #expect(result.diagnostics.allSatisfy { !$0.description.contains("new\nline") })
    }

    @Test("listed repositories are cloned into the workspace without storing credentials")
    func listedRepositories() async throws {
        let w = try world()
        defer { w.dir.remove() }
        try await fixture.makeRepository(at: w.dir.url("upstream/tool"), files: ["Cargo.toml": "[package]\nname = \"tool\"\n"], branch: "develop")
        let result = try await w.engine { c in
            c.local.path = nil
            c.local.repositories = [w.dir.url("upstream/tool")]
        }.discover(manifestPath: w.manifest)
        let tool = try #require(result.manifest.repository(named: "tool"))
        #expect(tool.defaultBranch == "develop" && tool.buildSystems == ["cargo"])
        #expect(FileManager.default.fileExists(atPath: w.dir.url(".infinity/workspace/sources/tool.git/HEAD")))
        let config = try String(contentsOfFile: w.dir.url(".infinity/workspace/sources/tool.git/config"), encoding: .utf8)
        #expect(!config.contains("upstream"))
        // A second run fetches instead of cloning and sees new commits.
        let moved = try await fixture.commit(in: w.dir.url("upstream/tool"), files: ["src/lib.rs": ""])
        let again = try await w.engine { c in c.local.path = nil; c.local.repositories = [w.dir.url("upstream/tool")] }.discover(manifestPath: w.manifest)
        #expect(again.manifest.repository(named: "tool")?.headSHA == moved && again.changes.changed == ["tool"])
    }

    @Test("a remote URL with credentials never reaches the manifest or diagnostics")
    func credentialsRedacted() async throws {
        let w = try world()
        defer { w.dir.remove() }
        let canary = "ghp" + "_" + "CANARY0123456789abcdefCANARY01234567"  // assembled so no token-shaped literal is committed
        let result = try await w.engine { c in
            c.local.path = nil
            c.local.repositories = ["https://x-access-token:\(canary)@127.0.0.1:9/acme/private.git"]
        }.discover(manifestPath: w.manifest)
        #expect(result.manifest.repositories.isEmpty)
        #expect(!result.diagnostics.isEmpty)
        for d in result.diagnostics { #expect(!d.description.contains(canary)) }
        #expect(!(try String(contentsOfFile: w.manifest, encoding: .utf8)).contains(canary))
    }

    @Test("an unreadable previous manifest is replaced with a warning")
    func corruptPreviousManifest() async throws {
        let w = try world()
        defer { w.dir.remove() }
        try await fixture.makeRepository(at: w.org + "/a", files: ["x.c": ""])
        try FileManager.default.createDirectory(atPath: w.dir.url("config"), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: w.manifest))
        let result = try await w.engine().discover(manifestPath: w.manifest)
        #expect(result.changes.added == ["a"])
        #expect(result.diagnostics.contains { $0.message.contains("previous manifest cannot be read") })
    }

    @Test("a missing repositories folder fails discovery with a clear error")
    func missingFolder() async throws {
        let w = try world()
        defer { w.dir.remove() }
        await #expect(throws: CodeHostError.self) {
            try await w.engine { c in c.local.path = w.dir.url("nope") }.discover(manifestPath: w.manifest)
        }
        #expect(!FileManager.default.fileExists(atPath: w.manifest))
    }

    @Test("detection results are cached by head SHA in the store")
    func detectionCache() async throws {
        let w = try world()
        defer { w.dir.remove() }
        let sha = try await fixture.makeRepository(at: w.org + "/a", files: ["go.mod": "module a\n"])
        _ = try await w.engine().discover(manifestPath: w.manifest)
        let cache = try w.store.detectionCache()
        #expect(cache["a"]?.sha == sha && cache["a"]?.version == Detection.version)
    }
}
