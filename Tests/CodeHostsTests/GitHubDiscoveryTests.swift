import CodeHosts
import DiscoveryEngine
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import InfinityTestSupport
import OrchestrationEngine
import Testing

@Suite("GitHub host: discovery", .serialized)
struct GitHubDiscoveryTests {
    @Test("1,000 repositories are listed in ≤ 15 requests; a new process re-discovers them for 0 primary quota")
    func thousandRepositoriesAndFreeRediscovery() async throws {
        let fixture = try await GitHubFixture.start(repositories: 1000)
        defer { Task { await fixture.stop() } }

        let first = try fixture.context()
        let store = try first.openStore()
        let engine = DiscoveryEngine(configuration: first.configuration, host: try first.makeCodeHost(), store: store, logger: first.logger)
        let result = try await engine.discover(manifestPath: first.manifestPath)
        await first.shutdown()

        // Everything — listing, build files, detection — in ≤ 15 requests.
        let paths = fixture.server.requests.map(\.path)
        #expect(paths.count <= 15, "first discovery took \(paths.count) requests: \(Set(paths.map { $0.split(separator: "/").prefix(3).joined(separator: "/") }))")
        #expect(!paths.contains { $0.contains("/git/") }, "detection read files over REST")
        // archived (index % 17 == 5) and forks (index % 13 == 7) are skipped by default.
        #expect(result.manifest.repositories.count == 1000 - result.filteredOut)
        #expect(result.filteredOut > 0)
        let swift = try #require(result.manifest.repositories.first { $0.name == "repo-0000" })
        #expect(swift.location.hasSuffix("/acme/repo-0000"))
        #expect(!swift.location.contains("@"))
        #expect(swift.buildSystems.contains { "\($0)".lowercased().contains("swift") })
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty)

        // A second process: new client, new session, same state store.
        fixture.server.resetRecordings()
        let second = try fixture.context()
        let again = DiscoveryEngine(configuration: second.configuration, host: try second.makeCodeHost(), store: try second.openStore(),
                                    logger: second.logger)
        let rerun = try await again.discover(manifestPath: second.manifestPath)
        await second.shutdown()
        #expect(rerun.changes.count == 0)
        #expect(fixture.server.quotaSpent.values.reduce(0, +) == 0, "re-discovery spent \(fixture.server.quotaSpent)")
        #expect(fixture.chargedRequests == 0)
        #expect(fixture.server.requests.count <= 3, "re-discovery made \(fixture.server.requests.count) requests")
    }

    @Test("a pushed repository is detected again from the listing's files; the others come from the caches")
    func onlyMovedRepositoriesAreRead() async throws {
        let fixture = try await GitHubFixture.start(repositories: 40)
        defer { Task { await fixture.stop() } }
        let first = try fixture.context()
        _ = try await DiscoveryEngine(configuration: first.configuration, host: try first.makeCodeHost(), store: try first.openStore())
            .discover(manifestPath: first.manifestPath)
        await first.shutdown()

        // repo-0001 is a Go repository; the push makes it an npm project with a test script.
        fixture.server.simulatePush("acme/repo-0001", files: [
            "go.mod": nil,
            "package.json": #"{"name": "orders", "scripts": {"build": "tsc", "test": "node --test"}}"#,
            "package-lock.json": "{}",
        ])
        fixture.server.resetRecordings()
        let second = try fixture.context()
        let result = try await DiscoveryEngine(configuration: second.configuration, host: try second.makeCodeHost(), store: try second.openStore())
            .discover(manifestPath: second.manifestPath)
        await second.shutdown()
        let contentCalls = fixture.server.requests.filter { $0.path.contains("/git/") }
        #expect(contentCalls.isEmpty, "detection read \(contentCalls.map(\.path)) over REST")
        #expect(result.changes.changed == ["repo-0001"])
        let pushed = try #require(result.manifest.repositories.first { $0.name == "repo-0001" })
        #expect(pushed.buildSystems == ["npm"])
        #expect(pushed.steps.map(\.run) == ["npm ci", "npm run build", "npm test"])
        #expect(pushed.publishes.contains("npm:orders"))
    }

    @Test("a root file the listing did not carry is one blob request by its id, with no tree listing")
    func rootFileOutsideTheListingIsOneBlobRequest() async throws {
        let fixture = try await GitHubFixture.start(repositories: 5)
        defer { Task { await fixture.stop() } }
        // A gemspec's name is not known in advance, so its text is not in the discovery query.
        fixture.server.simulatePush("acme/repo-0002", files: [
            "Gemfile": "source 'https://rubygems.org'\ngemspec\n",
            "orders.gemspec": "Gem::Specification.new do |s|\n  s.name = 'orders'\n  s.add_dependency 'rack'\nend\n",
        ])
        let context = try fixture.context()
        let result = try await DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: try context.openStore())
            .discover(manifestPath: context.manifestPath)
        await context.shutdown()
        let entry = try #require(result.manifest.repositories.first { $0.name == "repo-0002" })
        #expect(entry.publishes.contains("gem:orders"))
        #expect(entry.buildSystems.contains("bundler"))
        let reads = fixture.server.requests.map(\.path).filter { $0.contains("/git/") }
        #expect(reads.count == 1, "\(reads)")
        #expect(reads.allSatisfy { $0.contains("/repos/acme/repo-0002/git/blobs/") })
    }

    @Test("a user account is discovered like an organization: heads and build systems from the GraphQL listing")
    func userAccount() async throws {
        let fixture = try await GitHubFixture.start(repositories: 2)
        defer { Task { await fixture.stop() } }
        var loaded = try OrchestratorConfiguration.decode(yaml: fixture.yaml(), file: fixture.configPath)
        loaded.configuration.github.org = nil
        loaded.configuration.github.user = "octo-user"
        let context = OrchestratorContext(projectRoot: fixture.dir.path, loaded: loaded, environment: [GitHubFixture.tokenVariable: GitHubFixture.canary])
        let result = try await DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: try context.openStore())
            .discover(manifestPath: context.manifestPath)
        await context.shutdown()
        #expect(result.manifest.repositories.map(\.fullName) == ["octo-user/tool-0000", "octo-user/tool-0001", "octo-user/tool-0002"])
        #expect(result.manifest.repositories.allSatisfy { $0.headSHA != nil && !$0.buildSystems.isEmpty })
        #expect(!fixture.server.requests.contains { $0.path.contains("/git/") })
    }

    @Test("topics and visibility filter what the host lists")
    func topicAndVisibilityFilters() async throws {
        let fixture = try await GitHubFixture.start(repositories: 50)
        defer { Task { await fixture.stop() } }
        var loaded = try OrchestratorConfiguration.decode(yaml: fixture.yaml(), file: fixture.configPath)
        loaded.configuration.github.topics = ["service"]
        loaded.configuration.github.visibility = "public"
        let context = OrchestratorContext(projectRoot: fixture.dir.path, loaded: loaded, environment: [GitHubFixture.tokenVariable: GitHubFixture.canary])
        let listing = try await context.makeCodeHost().listRepositories()
        await context.shutdown()
        // index % 3 == 0 carries `service`; index % 10 == 0 is private, index % 25 == 3 internal.
        let expected = (0..<50).filter { $0 % 3 == 0 && $0 % 10 != 0 && $0 % 25 != 3 }.map { String(format: "repo-%04d", $0) }
        #expect(listing.repositories.map(\.name).sorted() == expected)
    }

    @Test("a revoked token fails the listing with a remedy; a deleted repository is a per-repository warning")
    func errorsAreReported() async throws {
        let fixture = try await GitHubFixture.start(repositories: 12)
        defer { Task { await fixture.stop() } }
        let bad = try fixture.context(environment: [GitHubFixture.tokenVariable: "ghp_not_a_valid_token"])
        await #expect(throws: CodeHostError.self) { try await bad.makeCodeHost().listRepositories() }
        do { _ = try await bad.makeCodeHost().listRepositories() } catch {
            #expect("\(error)".contains("token"))
        }
        await bad.shutdown()

        let missing = try fixture.context(environment: [:])
        #expect(throws: CodeHostError.self) { try missing.makeCodeHost() }

        // The listing still shows acme-0002, but its files are gone (404): warning, run goes on.
        let context = try fixture.context()
        let host = try context.makeCodeHost()
        let listing = try await host.listRepositories()
        fixture.server.delete("acme/repo-0002")
        let gone = try #require(listing.repositories.first { $0.name == "repo-0002" })
        let content = try #require(host.content(of: gone))
        await #expect(throws: (any Error).self) { try await content.listFiles(limit: 10) }
        let fine = try #require(listing.repositories.first { $0.name == "repo-0001" })
        let fineContent = try #require(host.content(of: fine))
        let files = try await fineContent.listFiles(limit: 100)
        #expect(files.contains("go.mod"))
        await context.shutdown()
    }
}
