import BuildPipeline
import CodeHosts
import DiscoveryEngine
import Foundation
import GitHubKit
import HealthMonitor
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import Logging
import OrchestrationEngine
import SecurityCompliance
import Testing

/// Real git repositories published on the GitHub test server, whose web root serves them over
/// git's smart HTTP (`git http-backend`) to the clone token only.
struct HostedGitRepositories {
    let fixture: GitHubFixture
    let git = GitFixture()

    /// The work tree of `name` (commit here, then `push`).
    func workTree(_ name: String) -> String { fixture.dir.url("upstream/work/\(name)") }
    func bare(_ name: String) -> String { fixture.dir.url("upstream/acme/\(name).git") }

    /// Creates `acme/<name>` with a Makefile whose `make` and `make test` read `greeting.txt`,
    /// and publishes it; returns its head SHA.
    @discardableResult
    func create(_ name: String, greeting: String = "hello", tokens: Set<String>? = nil) async throws -> String {
        let sha = try await git.makeRepository(at: workTree(name), files: [
            "Makefile": "all:\n\tcat greeting.txt > out.txt\n\ntest: all\n\tgrep -q hello out.txt\n",
            "greeting.txt": greeting + "\n",
        ])
        try FileManager.default.createDirectory(atPath: fixture.dir.url("upstream/acme"), withIntermediateDirectories: true)
        try await git.bareClone(workTree(name), to: bare(name))
        try await fixture.server.publishGitRepository("acme/\(name)", bareRepository: bare(name), tokens: tokens)
        return sha
    }

    /// Commits `files` to `name`, pushes to the served bare repository and publishes the new head.
    @discardableResult
    func push(_ name: String, files: [String: String]) async throws -> String {
        let sha = try await git.commit(in: workTree(name), files: files)
        try await git.git.run(in: workTree(name), ["push", "-q", bare(name), "HEAD:refs/heads/main"])
        try await fixture.server.publishGitRepository("acme/\(name)", bareRepository: bare(name))
        return sha
    }

    /// Discovery through `context`: writes the manifest.
    func discover(_ context: OrchestratorContext) async throws -> Manifest {
        try await DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: try context.openStore(),
                                  logger: context.logger).discover(manifestPath: context.manifestPath).manifest
    }

    /// A build of `manifest` the way `infinity build` runs it, with the context's source mirrors.
    func build(_ context: OrchestratorContext, _ manifest: Manifest, force: Bool = false) async throws -> BuildRunReport {
        let pipeline = BuildPipeline(configuration: context.configuration, stateDirectory: context.stateDirectory, store: try context.openStore(),
                                     environment: context.environment, fileSystem: context.fileSystem, clock: context.clock,
                                     git: context.git, sources: try context.makeRepositorySources(), logger: context.logger)
        return try await pipeline.build(manifest: manifest, options: BuildOptions(force: force, appendStepSummary: false))
    }

    /// Files under `folder` (recursively) whose bytes contain `needle`.
    static func files(under folder: String, containing needle: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var hits: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = folder + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            if data.range(of: Data(needle.utf8)) != nil { hits.append(relative) }
        }
        return hits
    }
}

@Suite("GitHub sources: repositories are fetched into local mirrors for builds", .serialized)
struct GitHubSourcesTests {
    @Test("discovery → build clones over authenticated smart HTTP; the token is in no config, remote, log, manifest or store")
    func cloneAndBuildWithoutLeakingTheToken() async throws {
        let fixture = try await GitHubFixture.start(repositories: 2)
        defer { Task { await fixture.stop() } }
        let hosted = HostedGitRepositories(fixture: fixture)
        let appSHA = try await hosted.create("app")
        let libSHA = try await hosted.create("lib")

        let context = try fixture.context()
        let manifest = try await hosted.discover(context)
        let app = try #require(manifest.repositories.first { $0.name == "app" })
        #expect(app.headSHA == appSHA)
        #expect(app.location == (try context.githubSession()).webURL("acme/app"))
        #expect(manifest.repositories.first(where: { $0.name == "lib" })?.headSHA == libSHA)
        #expect(app.steps.contains(where: { $0.run == "make test" }))

        let report = try await hosted.build(context, manifest)
        await context.shutdown()
        let built = Dictionary(uniqueKeysWithValues: report.results.map { ($0.repository, $0) })
        #expect(built["app"]?.status == .succeeded, "\(String(describing: built["app"]?.failedStep?.reason))")
        #expect(built["lib"]?.status == .succeeded)
        // The synthetic repositories have no git content on the server: their fetch fails, per repository.
        let synthetic = report.results.filter { $0.repository.hasPrefix("repo-") }
        #expect(synthetic.allSatisfy { $0.status != .succeeded })
        let tree = Paths.join(context.workspaceDirectory, "trees/app")
        #expect(try String(contentsOfFile: tree + "/out.txt", encoding: .utf8) == "hello\n")

        // The mirror: a bare repository holding the head, origin the credential-free web URL.
        let mirror = Paths.join(context.workspaceDirectory, "sources/app.git")
        let git = GitCLI()
        let origin = String(decoding: try await git.run(in: mirror, ["config", "--get", "remote.origin.url"]), as: UTF8.self)
        #expect(origin.trimmingCharacters(in: .whitespacesAndNewlines) == (try context.githubSession()).webURL("acme/app"))
        _ = try await git.run(in: mirror, ["cat-file", "-e", appSHA + "^{commit}"])
        let config = try String(contentsOfFile: mirror + "/config", encoding: .utf8)
        #expect(!config.lowercased().contains("extraheader"))
        #expect(!config.lowercased().contains("authorization"))

        // Every git request was authenticated and answered.
        let gitRequests = fixture.server.gitBackend.requests.filter { $0.repository == "acme/app" }
        #expect(!gitRequests.isEmpty)
        #expect(gitRequests.allSatisfy { $0.status == 200 })

        let canary = GitHubFixture.canary
        let basic = Data("x-access-token:\(canary)".utf8).base64EncodedString()
        for needle in [canary, basic] {
            #expect(HostedGitRepositories.files(under: fixture.dir.path, containing: needle).isEmpty)
            for line in fixture.logs.all + report.results.map { "\($0.failedStep?.reason ?? "")" } {
                #expect(!line.contains(needle), "leaked in: \(line.prefix(200))")
            }
        }
        #expect(fixture.logs.all.contains { $0.contains("fetching sources") && $0.contains("repo.name=app") })
    }

    @Test("after a build fetched the mirrors, the health pass reads files from them, not through the API")
    func healthReadsFilesFromTheMirrors() async throws {
        let fixture = try await GitHubFixture.start(repositories: 0)
        defer { Task { await fixture.stop() } }
        let hosted = HostedGitRepositories(fixture: fixture)
        try await hosted.create("app")
        try await hosted.create("lib")
        let context = try fixture.context()
        let manifest = try await hosted.discover(context)
        // Only app is built, so only app has a mirror.
        var appOnly = manifest
        appOnly.repositories = manifest.repositories.filter { $0.name == "app" }
        #expect(try await hosted.build(context, appOnly).results.allSatisfy { $0.status == .succeeded })
        fixture.server.resetRecordings()

        let store = try context.openStore()
        let result = try await context.makeHealthMonitor(store: store)
            .run(manifestPath: context.manifestPath, options: HealthPassOptions(repositories: [], dryRun: true, runID: nil))
        await context.shutdown()
        #expect(Set(result.reports.map(\.repository)) == ["app", "lib"])
        let contentReads = fixture.server.requests.map(\.path).filter { $0.contains("/git/") }
        #expect(!contentReads.contains { $0.contains("/repos/acme/app/") }, "app was read through the API: \(contentReads)")
        #expect(contentReads.contains { $0.contains("/repos/acme/lib/git/trees/") }, "lib has no mirror, so its tree comes from the API")
    }

    @Test("an unchanged head fetches nothing; a pushed head is fetched once and built at the new commit")
    func unchangedHeadCostsNoNetwork() async throws {
        let fixture = try await GitHubFixture.start(repositories: 0)
        defer { Task { await fixture.stop() } }
        let hosted = HostedGitRepositories(fixture: fixture)
        try await hosted.create("app")
        let first = try fixture.context()
        let manifest = try await hosted.discover(first)
        #expect(try await hosted.build(first, manifest).results.allSatisfy { $0.status == .succeeded })
        await first.shutdown()
        #expect(!fixture.server.gitBackend.requests.isEmpty)

        // A new process, everything rebuilt on purpose: the mirror already holds the head.
        fixture.server.gitBackend.resetRecordings()
        let second = try fixture.context()
        let again = try await hosted.build(second, manifest, force: true)
        await second.shutdown()
        #expect(again.results.map(\.status) == [.succeeded])
        #expect(fixture.server.gitBackend.requests.isEmpty, "\(fixture.server.gitBackend.requests)")

        // A push: rediscovery moves the head; the build fetches it and builds the new commit.
        let pushed = try await hosted.push("app", files: ["greeting.txt": "hello again\n"])
        let third = try fixture.context()
        let moved = try await hosted.discover(third)
        #expect(moved.repositories.first?.headSHA == pushed)
        let report = try await hosted.build(third, moved)
        await third.shutdown()
        #expect(report.results.map(\.status) == [.succeeded])
        let fetches = fixture.server.gitBackend.requests
        #expect(fetches.contains { $0.path.hasSuffix("/git-upload-pack") && $0.status == 200 })
        let out = try String(contentsOfFile: Paths.join(third.workspaceDirectory, "trees/app/out.txt"), encoding: .utf8)
        #expect(out == "hello again\n")
    }

    @Test("refused, forbidden and deleted repositories fail alone, each with its remedy; the others build")
    func perRepositoryFailures() async throws {
        let fixture = try await GitHubFixture.start(repositories: 0)
        defer { Task { await fixture.stop() } }
        let hosted = HostedGitRepositories(fixture: fixture)
        try await hosted.create("app")
        try await hosted.create("restricted", tokens: ["ghp_" + "someone_else_0123456789"])
        try await hosted.create("gone")
        let context = try fixture.context()
        let manifest = try await hosted.discover(context)
        #expect(manifest.repositories.count == 3)
        fixture.server.gitBackend.withdraw("acme/gone")

        let report = try await hosted.build(context, manifest)
        await context.shutdown()
        let byName = Dictionary(uniqueKeysWithValues: report.results.map { ($0.repository, $0) })
        #expect(byName["app"]?.status == .succeeded)
        #expect(byName["restricted"]?.status == .failed)
        #expect(byName["restricted"]?.failedStep?.name == "prepare")
        #expect(byName["restricted"]?.failedStep?.reason?.contains("Contents: read") == true, "\(String(describing: byName["restricted"]?.failedStep?.reason))")
        #expect(byName["gone"]?.status == .failed)
        #expect(byName["gone"]?.failedStep?.reason?.contains("run `infinity discover`") == true, "\(String(describing: byName["gone"]?.failedStep?.reason))")

        // A wrong token: every repository is refused, each with the token remedy; nothing leaks.
        let wrong = "ghp_" + "WRONG_token_" + "9d8c7b6a"
        let refused = try fixture.context(environment: [GitHubFixture.tokenVariable: wrong])
        let sources = try #require(try refused.makeRepositorySources())
        try FileManager.default.removeItem(atPath: Paths.join(refused.workspaceDirectory, "sources"))
        var errors: [SourceSyncError] = []
        for repository in manifest.repositories {
            do { _ = try await sources.prepare(repository) } catch { errors.append(error) }
        }
        await refused.shutdown()
        #expect(errors.count == 3)
        #expect(errors.allSatisfy { $0.kind == .unauthorized }, "\(errors.map(\.kind))")
        #expect(errors.allSatisfy { $0.remedy.contains("token") })
        #expect(fixture.server.gitBackend.requests.contains { $0.status == 401 })
        let basic = Data("x-access-token:\(wrong)".utf8).base64EncodedString()
        for needle in [wrong, basic] {
            #expect(HostedGitRepositories.files(under: fixture.dir.path, containing: needle).isEmpty)
            for line in fixture.logs.all + errors.map(\.description) { #expect(!line.contains(needle)) }
        }
    }

    @Test("the standalone smart-HTTP server: 401 without the token, clones with it, 404 for an unknown repository")
    func standaloneServer() async throws {
        let token = "ghp_" + "standalone_" + "0a1b2c3d"
        let server = try await GitSmartHTTPServer.start(tokens: [token])
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let git = GitFixture()
        let sha = try await git.makeRepository(at: dir.url("work"), files: ["a.txt": "a\n"])
        try await git.bareClone(dir.url("work"), to: dir.url("lib.git"))
        server.backend.serve("acme/lib", bareRepository: dir.url("lib.git"))
        let entry = ManifestRepository(name: "lib", fullName: "acme/lib", location: server.url("acme/lib"), defaultBranch: "main", headSHA: sha)
        let missing = ManifestRepository(name: "nope", fullName: "acme/nope", location: server.url("acme/nope"), defaultBranch: "main", headSHA: sha)

        func mirrors(_ token: String?, _ folder: String) -> GitHubSourceMirrors {
            let auth = AuthenticatedGit(runner: .live, token: token.map { Secret($0) }, webRoot: server.rootURL, baseEnvironment: [:])
            return GitHubSourceMirrors(directory: dir.url(folder), git: auth, webURL: { server.url($0) }, maxParallel: 2,
                                       logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        }
        await #expect(throws: SourceSyncError.self) { try await mirrors(nil, "anonymous").prepare(entry) }
        #expect(server.backend.requests.last?.status == 401)
        let path = try await mirrors(token, "sources").prepare(entry)
        #expect(path == dir.url("sources/lib.git"))
        do {
            _ = try await mirrors(token, "sources").prepare(missing)
            Issue.record("an unknown repository was fetched")
        } catch {
            #expect(error.kind == .notFound)
        }
        #expect(server.backend.requests.contains { $0.repository == "acme/nope" && $0.status == 404 })
        try await server.shutdown()
    }

    @Test("a history scan reads the mirror: a secret removed at the head is found at the commit that added it, with no API reads")
    func historyScanUsesTheMirror() async throws {
        let fixture = try await GitHubFixture.start(repositories: 0)
        defer { Task { await fixture.stop() } }
        let hosted = HostedGitRepositories(fixture: fixture)
        let token = "ghp_" + "q8Wz3Rt6Yp1Ls4Kd7Fh0Jm2Nb5Vc9Xg" + "T1aE"
        let added = try await hosted.git.makeRepository(at: hosted.workTree("leaky"), files: ["ci.yml": "token: \(token)\n"])
        try await hosted.git.commit(in: hosted.workTree("leaky"), files: ["ci.yml": "token: from the environment\n"])
        try FileManager.default.createDirectory(atPath: fixture.dir.url("upstream/acme"), withIntermediateDirectories: true)
        try await hosted.git.bareClone(hosted.workTree("leaky"), to: hosted.bare("leaky"))
        try await fixture.server.publishGitRepository("acme/leaky", bareRepository: hosted.bare("leaky"))
        let context = try fixture.context()
        let manifest = try await hosted.discover(context)
        fixture.server.resetRecordings()

        let scanner = try context.makeSecurityScanner(SecurityScanRequest(secrets: true, dependencies: false, history: true))
        let pass = SecurityPass(host: try context.makeCodeHost(), scanner: scanner, store: nil, sources: try context.makeRepositorySources(),
                                logger: context.logger)
        let result = await pass.run(manifest.repositories, runID: nil)
        await context.shutdown()
        let scanned = try #require(result.results.first)
        #expect(scanned.error == nil)
        #expect(scanned.secrets.contains { $0.commit == added && $0.file == "ci.yml" }, "\(scanned.secrets) \(scanned.diagnostics)")
        #expect(fixture.server.requests.filter { $0.path.contains("/git/") || $0.path.contains("/contents") }.isEmpty)
        #expect(fixture.server.gitBackend.requests.contains { $0.path.hasSuffix("/git-upload-pack") })
    }
}
