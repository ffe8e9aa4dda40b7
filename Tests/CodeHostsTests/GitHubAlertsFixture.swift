import CodeHosts
import DiscoveryEngine
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import OrchestrationEngine
import SecurityCompliance

/// Discovery, then security passes that merge GitHub's alerts, against the test server.
struct GitHubAlertsRun {
    let fixture: GitHubFixture

    /// Lists the organization and writes the manifest (as `infinity discover` does).
    func discover() async throws -> Manifest {
        let context = try fixture.context()
        defer { Task { await context.shutdown() } }
        let result = try await DiscoveryEngine(configuration: context.configuration, host: try context.makeCodeHost(),
                                               store: try context.openStore(), logger: context.logger)
            .discover(manifestPath: context.manifestPath)
        return result.manifest
    }

    /// One security pass from a fresh context (a new process: new client, same state store).
    func pass(secrets: Bool = true, dependencies: Bool = true, sources: Set<SecurityAlert.Source>? = nil,
              runID: String = "run") async throws -> (result: SecurityPassResult, context: OrchestratorContext) {
        let context = try fixture.context()
        let manifest = try ManifestCoding.decode(context.fileSystem.readFile(context.manifestPath), file: context.manifestPath)
        let scanner = try context.makeSecurityScanner(SecurityScanRequest(secrets: secrets, dependencies: dependencies))
        let pass = SecurityPass(host: try context.makeCodeHost(), scanner: scanner, store: try context.openStore(), clock: context.clock,
                                maxParallel: 4, logger: context.logger, alerts: try context.makeSecurityAlertSource(),
                                alertSources: sources ?? Set(SecurityAlert.Source.allCases))
        let result = await pass.run(manifest.repositories, runID: runID)
        await context.shutdown()
        return (result, context)
    }

    /// Every byte the run left behind that could hold a leaked value: the store files and reports.
    func persistedBytes(_ context: OrchestratorContext) -> [(String, Data)] {
        var out: [(String, Data)] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: context.storePath + suffix) { out.append((context.storePath + suffix, data)) }
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: context.reportsDirectory)) ?? [] {
            let path = context.reportsDirectory + "/" + name
            if let data = FileManager.default.contents(atPath: path) { out.append((path, data)) }
        }
        return out
    }
}
