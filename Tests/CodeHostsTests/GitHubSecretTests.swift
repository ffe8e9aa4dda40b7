import CodeHosts
import DiscoveryEngine
import Foundation
import InfinityModel
import InfinityStore
import InfinityTestSupport
import OrchestrationEngine
import Testing

@Suite("GitHub host: the token never leaks", .serialized)
struct GitHubSecretTests {
    @Test("the canary token is in no log line, error, manifest, store file or alert")
    func canaryNeverLeaks() async throws {
        let fixture = try await GitHubFixture.start(repositories: 30)
        defer { Task { await fixture.stop() } }
        let canary = GitHubFixture.canary
        let context = try fixture.context()
        let store = try context.openStore()
        let result = try await DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(), store: store,
                                               logger: context.logger).discover(manifestPath: context.manifestPath)
        // Faults on purpose: 404 for a deleted repository, 401 for a revoked token.
        fixture.server.delete("acme/repo-0004")
        var errors: [String] = []
        let signals = try context.makeHostSignals()
        for repo in result.manifest.repositories.prefix(6) {
            let hosted = try context.makeCodeHost().repository(from: repo)
            do { _ = try await signals.branchProtection(of: hosted) } catch { errors.append("\(error)"); errors.append(error.localizedDescription) }
            do { _ = try await signals.ciStatus(of: hosted) } catch { errors.append("\(error)") }
        }
        await context.shutdown()
        let revoked = try fixture.context(environment: [GitHubFixture.tokenVariable: canary + "x"])
        do { _ = try await revoked.makeCodeHost().listRepositories() } catch { errors.append("\(error)") }
        await revoked.shutdown()

        #expect(!errors.isEmpty)
        #expect(!fixture.logs.all.isEmpty)
        for line in fixture.logs.all + errors + result.diagnostics.map(\.description) {
            #expect(!line.contains(canary), "leaked in: \(line.prefix(200))")
        }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: context.manifestPath))
        #expect(manifest.range(of: Data(canary.utf8)) == nil)
        for suffix in ["", "-wal", "-shm"] {
            let path = context.storePath + suffix
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            #expect(bytes.range(of: Data(canary.utf8)) == nil, "token found in \(path)")
        }
        #expect(try store.httpCacheCount() > 0)
    }
}
