import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// Discovers the organization's repositories and writes the manifest.
///
/// It lists repositories through the code host, detects build systems and declared
/// dependencies for repositories whose head moved (everything else comes from the
/// detection cache in the store), matches dependencies between repositories, applies
/// per-repository overrides, compares against the previous manifest and writes the new one
/// atomically — only when its bytes differ.
public struct DiscoveryEngine: Sendable {
    public var configuration: OrchestratorConfiguration
    public var host: any CodeHost
    public var store: StateStore?
    public var fileSystem: FileSystem
    public var clock: WallClock
    public var logger: Logger

    public init(configuration: OrchestratorConfiguration, host: any CodeHost, store: StateStore?,
                fileSystem: FileSystem = .live, clock: WallClock = .live, logger: Logger = Logger(label: "infinity.discovery")) {
        self.configuration = configuration
        self.host = host
        self.store = store
        self.fileSystem = fileSystem
        self.clock = clock
        self.logger = logger
    }

    /// Runs discovery and writes the manifest to `manifestPath` (unless `dryRun`).
    public func discover(manifestPath: String, runID: String? = nil, dryRun: Bool = false) async throws -> DiscoveryResult {
        let started = clock.now()
        var diagnostics: [Diagnostic] = []
        let previous = readPrevious(manifestPath, diagnostics: &diagnostics)

        let listing = try await host.listRepositories()
        diagnostics += listing.diagnostics
        var filteredOut = 0
        let admitted = listing.repositories.filter { repo in
            let keep = configuration.admits(name: repo.name)
                && !(configuration.skipArchived && repo.archived == true)
                && !(configuration.skipForks && repo.fork == true)
            if !keep { filteredOut += 1 }
            return keep
        }

        let detections = await detect(admitted, diagnostics: &diagnostics)
        var repositories = admitted.map { repo in
            entry(for: repo, detection: detections[repo.name] ?? Detection(), previous: previous?.repository(named: repo.name))
        }
        diagnostics += resolveDependencies(&repositories, admitted: admitted, detections: detections)
        diagnostics += checkOverrideNames(known: Set(repositories.map(\.name)))

        let manifest = Manifest(organization: configuration.organization, provider: configuration.provider, repositories: repositories)
        let changes = ManifestChanges(old: previous, new: manifest)
        let data = try ManifestCoding.encode(manifest)
        var wrote = false
        if !dryRun {
            let existing = try? fileSystem.readFile(manifestPath)
            if existing != data {
                try fileSystem.writeFileAtomically(manifestPath, data)
                wrote = true
            }
            try recordInStore(manifest: manifest, data: data, changes: changes, runID: runID, wrote: wrote, path: manifestPath)
        }
        logger.info("discovery finished", metadata: [
            "discovery.repositories": "\(manifest.repositories.count)",
            "discovery.changes": "\(changes.count)",
        ])
        return DiscoveryResult(manifest: manifest, changes: changes, diagnostics: diagnostics, filteredOut: filteredOut,
                               wroteManifest: wrote, manifestPath: manifestPath, duration: clock.now().timeIntervalSince(started))
    }

    private func readPrevious(_ path: String, diagnostics: inout [Diagnostic]) -> Manifest? {
        guard fileSystem.exists(path) else { return nil }
        do {
            return try ManifestCoding.decode(fileSystem.readFile(path), file: path)
        } catch {
            diagnostics.append(Diagnostic(.warning, location: path, "the previous manifest cannot be read (\(error)); it will be replaced and every repository counts as added"))
            return nil
        }
    }

    private func recordInStore(manifest: Manifest, data: Data, changes: ManifestChanges, runID: String?, wrote: Bool, path: String) throws {
        guard let store else { return }
        let now = clock.now()
        try store.recordSnapshot(DiscoverySnapshotRecord(runID: runID, takenAt: now, repositoryCount: manifest.repositories.count,
                                                         changes: changes, manifestSHA256: SHA256Hex.digest(data)))
        try store.appendAudit(AuditEntry(at: now, runID: runID, action: "manifest.write", target: path,
                                         outcome: wrote ? "ok" : "unchanged",
                                         detail: "\(manifest.repositories.count) repositories; +\(changes.added.count) -\(changes.removed.count) ~\(changes.changed.count)"))
    }
}

/// What a discovery produced.
public struct DiscoveryResult: Sendable {
    public var manifest: Manifest
    public var changes: ManifestChanges
    public var diagnostics: [Diagnostic]
    /// Repositories left out by include/exclude/archived/fork filters.
    public var filteredOut: Int
    public var wroteManifest: Bool
    public var manifestPath: String
    public var duration: TimeInterval
}
