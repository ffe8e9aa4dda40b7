import CodeHosts
import Foundation
import InfinityModel
import InfinityStore
import InfinitySystem
import Logging

/// The outcome of scanning the repositories of a manifest.
public struct SecurityPassResult: Sendable {
    /// One result per repository, in manifest order.
    public var results: [RepositoryScanResult]
    /// What changed per repository (only when the pass recorded into a store).
    public var summaries: [RepositorySecuritySummary]
    /// Problems worth showing: repositories that could not be scanned, malformed lockfiles, and
    /// (aggregated, one line per source and reason) host alerts that could not be listed.
    public var diagnostics: [Diagnostic]
}

/// Scans every repository of the manifest at its head commit, reading files from git
/// objects through the code host (no checkout), at most `maxParallel` at once, and records
/// the findings in the store.
public struct SecurityPass: Sendable {
    public var host: any CodeHost
    public var scanner: RepositorySecurityScanner
    public var store: StateStore?
    public var clock: WallClock
    public var maxParallel: Int
    /// Local copies of hosted repositories (GitHub mirrors). With them a repository is read from
    /// its mirror when that already holds the head (no API calls), and history scans — which
    /// need git objects — fetch the mirror first. Nil: the host's own reading.
    public var sources: (any RepositorySources)?
    public var logger: Logger
    /// The code host's own alerts to merge (GitHub); nil for none (the local provider).
    public var alerts: (any HostSecurityAlertSource)?
    /// Which of the host's alert sources to merge.
    public var alertSources: Set<SecurityAlert.Source>

    public init(host: any CodeHost, scanner: RepositorySecurityScanner, store: StateStore?, clock: WallClock = .live,
                maxParallel: Int = 4, sources: (any RepositorySources)? = nil, logger: Logger = Logger(label: "infinity.security"),
                alerts: (any HostSecurityAlertSource)? = nil, alertSources: Set<SecurityAlert.Source> = Set(SecurityAlert.Source.allCases)) {
        self.host = host
        self.scanner = scanner
        self.store = store
        self.clock = clock
        self.maxParallel = maxParallel
        self.sources = sources
        self.logger = logger
        self.alerts = alerts
        self.alertSources = alertSources
    }

    /// Picks the manifest's repositories named in `names` (all when empty); an unknown name throws.
    public static func select(_ manifest: Manifest, names: [String]) throws(SecurityScanError) -> [ManifestRepository] {
        guard !names.isEmpty else { return manifest.repositories }
        let known = Set(manifest.repositories.map(\.name))
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw SecurityScanError(.unknownRepository, "no repository called `\(DisplayName.quote(unknown))` in the manifest; "
                + "run `infinity discover` or check the name")
        }
        let wanted = Set(names)
        return manifest.repositories.filter { wanted.contains($0.name) }
    }

    /// Scans `repositories` and, with a store, records each one.
    public func run(_ repositories: [ManifestRepository], runID: String?) async -> SecurityPassResult {
        let host = host, scanner = scanner, logger = logger, sources = sources
        let scansOwn = scanner.settings.secrets || scanner.settings.dependencies
        var results = await BoundedConcurrency.map(repositories, limit: max(1, maxParallel)) { entry -> RepositoryScanResult in
            guard scansOwn else { return RepositoryScanResult(repository: entry.name, commit: entry.headSHA) }
            var hosted = host.repository(from: entry)
            var notes: [String] = []
            if let sources, hosted.localPath == nil {
                if scanner.settings.history {
                    do { hosted.localPath = try await sources.prepare(entry) } catch {
                        notes.append("history not scanned: \(error)")
                    }
                } else {
                    hosted.localPath = await sources.existingCopy(of: entry)
                }
            }
            guard let sha = entry.headSHA, let content = host.content(of: hosted) else {
                var empty = RepositoryScanResult(repository: entry.name, commit: entry.headSHA)
                empty.error = "\(entry.name) has no readable head commit; run `infinity discover` first"
                return empty
            }
            logger.info("scanning", metadata: ["repo.name": "\(entry.name)", "repo.head": "\(sha)"])
            var result = await scanner.scan(content: content, repository: entry.name, commit: sha, historyPath: hosted.localPath)
            result.diagnostics += notes
            return result
        }
        var diagnostics: [Diagnostic] = []
        if let alerts, !alertSources.isEmpty, !repositories.isEmpty {
            let collection = await alerts.collectOpenAlerts(repositories: repositories.map(\.fullName), sources: alertSources,
                                                            maxParallel: max(1, maxParallel))
            for (index, entry) in repositories.enumerated() {
                guard let found = collection.alerts(for: entry.fullName) else { continue }
                results[index] = HostAlertMerge.merge(found, into: results[index])
            }
            diagnostics += collection.diagnostics
        }
        var summaries: [RepositorySecuritySummary] = []
        let now = clock.now()
        for result in results {
            if let error = result.error { diagnostics.append(Diagnostic(.error, repository: result.repository, error)) }
            for d in result.diagnostics { diagnostics.append(Diagnostic(.warning, repository: result.repository, d)) }
            guard let store else { continue }
            do {
                summaries.append(try SecurityRecorder(store: store).record(result, at: now, runID: runID))
            } catch {
                diagnostics.append(Diagnostic(.error, repository: result.repository, "cannot record findings: \(error)"))
            }
        }
        return SecurityPassResult(results: results, summaries: summaries, diagnostics: diagnostics)
    }
}
