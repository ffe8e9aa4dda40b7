import Foundation
import GitHubKit
import InfinityModel
import InfinitySystem
import Logging

/// GitHub's own alerts — code scanning, secret scanning, Dependabot — for the repositories of a
/// security pass.
///
/// For an organization the organization-level listings (`GET /orgs/{org}/…/alerts`) are tried
/// first: a few paginated calls for the whole organization instead of three per repository.
/// When one answers 403/404 (the token is not an owner or security manager) that source is listed
/// per repository instead. Every list call is conditional, so an unchanged re-run is answered
/// `304` and costs no primary quota. A refusal (feature not enabled, no access) is remembered in
/// the response cache for ``recheckRefusalsAfter`` so re-runs do not ask again meanwhile.
public struct GitHubSecurityAlerts: HostSecurityAlertSource {
    public let session: GitHubSession
    /// Where refusals are remembered (the state store's HTTP cache); nil asks every time.
    public let cache: (any HTTPResponseCache)?
    /// How long a refusal is trusted before the repository is asked again.
    public let recheckRefusalsAfter: TimeInterval
    public let logger: Logger
    let clock: @Sendable () -> Date

    public init(session: GitHubSession, cache: (any HTTPResponseCache)?, recheckRefusalsAfter: TimeInterval = 24 * 3600,
                logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.session = session
        self.cache = cache
        self.recheckRefusalsAfter = recheckRefusalsAfter
        self.logger = logger
        self.clock = clock
    }

    /// How GitHub refused a listing (remembered; anything else is a failure and asked again).
    enum Refusal: String, Sendable {
        case notEnabled = "not-enabled"
        case noAccess = "no-access"
        /// Code scanning is enabled but nothing was analysed yet: no alerts.
        case noAnalysis = "no-analysis"
    }

    /// The outcome of one listing.
    enum Listing: Sendable {
        case listed([SecurityAlert])
        case refused(Refusal)
        case failed(String)
    }

    public func collectOpenAlerts(repositories: [String], sources: Set<SecurityAlert.Source>, maxParallel: Int) async -> HostAlertCollection {
        var byRepository: [String: RepositoryHostAlerts] = [:]
        for name in repositories { byRepository[name.lowercased()] = RepositoryHostAlerts() }
        var diagnostics: [Diagnostic] = []
        var perRepository = sources
        if session.isOrganization {
            for source in SecurityAlert.Source.allCases where sources.contains(source) {
                switch await organizationListing(source) {
                case .listed(let alerts):
                    perRepository.remove(source)
                    for key in byRepository.keys { byRepository[key]?.covered.insert(source) }
                    for alert in alerts {
                        guard let key = alert.repository?.lowercased(), byRepository[key] != nil else { continue }
                        byRepository[key]?.alerts.append(alert)
                    }
                case .refused:
                    diagnostics.append(Diagnostic(.note, "the organization-level \(Self.title(source)) listing of \(session.owner) is not available "
                        + "to these credentials; listing per repository (\(repositories.count) request(s) on a first run)",
                        remedy: "an organization owner or security manager token lists the whole organization in a few requests"))
                case .failed(let message):
                    perRepository.remove(source)
                    for key in byRepository.keys { byRepository[key]?.unavailable[source] = HostAlertProblem(.failed, message) }
                }
            }
        }
        var noAnalysis: [String] = []
        if !perRepository.isEmpty {
            let wanted = SecurityAlert.Source.allCases.filter { perRepository.contains($0) }
            let results = await BoundedConcurrency.map(repositories, limit: max(1, maxParallel)) { name in
                (name, await self.repositoryListings(name, sources: wanted))
            }
            for (name, listings) in results {
                let key = name.lowercased()
                for (source, listing) in listings {
                    switch listing {
                    case .listed(let alerts):
                        byRepository[key]?.covered.insert(source)
                        byRepository[key]?.alerts += alerts
                    case .refused(.noAnalysis):
                        byRepository[key]?.covered.insert(source)
                        noAnalysis.append(name)
                    case .refused(let refusal):
                        byRepository[key]?.unavailable[source] = HostAlertProblem(
                            refusal == .noAccess ? .noAccess : .notEnabled, Self.explain(source, refusal))
                    case .failed(let message):
                        byRepository[key]?.unavailable[source] = HostAlertProblem(.failed, message)
                    }
                }
            }
        }
        diagnostics += Self.aggregate(byRepository, names: repositories, noAnalysis: noAnalysis)
        logger.info("github alerts collected", metadata: [
            "repo.count": "\(repositories.count)", "github.alerts": "\(byRepository.values.reduce(0) { $0 + $1.alerts.count })",
            "github.alerts_per_repository": "\(perRepository.map(\.rawValue).sorted().joined(separator: ","))",
        ])
        return HostAlertCollection(repositories: byRepository, diagnostics: diagnostics)
    }

    // MARK: - Listing

    func organizationListing(_ source: SecurityAlert.Source) async -> Listing {
        let org = session.owner
        let memo = memoKey("org \(org.lowercased())", source)
        if await remembered(memo) != nil { return .refused(.noAccess) }
        let client = session.client
        do {
            switch source {
            case .codeScanning: return .listed(try await client.organizationCodeScanningAlerts(org).map { SecurityAlert($0) })
            case .secretScanning: return .listed(try await client.organizationSecretScanningAlerts(org).map { SecurityAlert($0) })
            case .dependabot: return .listed(try await client.organizationDependabotAlerts(org).map { SecurityAlert($0) })
            }
        } catch let error as GitHubError where error.code == .forbidden || error.code == .notFound {
            await remember(memo, .noAccess)
            return .refused(.noAccess)
        } catch {
            return .failed("\(error)")
        }
    }

    func repositoryListings(_ fullName: String, sources: [SecurityAlert.Source]) async -> [(SecurityAlert.Source, Listing)] {
        var out: [(SecurityAlert.Source, Listing)] = []
        for source in sources { out.append((source, await repositoryListing(fullName, source))) }
        return out
    }

    func repositoryListing(_ fullName: String, _ source: SecurityAlert.Source) async -> Listing {
        let memo = memoKey(fullName.lowercased(), source)
        if let refusal = await remembered(memo) { return .refused(refusal) }
        let client = session.client
        do {
            switch source {
            case .codeScanning: return .listed(try await client.codeScanningAlerts(fullName).map { SecurityAlert($0) })
            case .secretScanning: return .listed(try await client.secretScanningAlerts(fullName).map { SecurityAlert($0) })
            case .dependabot: return .listed(try await client.dependabotAlerts(fullName).map { SecurityAlert($0) })
            }
        } catch let error as GitHubError {
            guard let refusal = Self.refusal(source, error) else { return .failed("\(error)") }
            await remember(memo, refusal)
            return .refused(refusal)
        } catch {
            return .failed("\(error)")
        }
    }

    /// How a 403/404 of a listing reads: the feature is off, it has nothing analysed, or the
    /// credentials lack access. nil for any other failure.
    static func refusal(_ source: SecurityAlert.Source, _ error: GitHubError) -> Refusal? {
        guard error.code == .forbidden || error.code == .notFound else { return nil }
        let said = error.message.lowercased()
        if source == .codeScanning, error.code == .notFound, said.contains("no analysis found") { return .noAnalysis }
        let featureOff = ["must be enabled", "is disabled", "are disabled", "not enabled", "is not available"]
        if featureOff.contains(where: said.contains) { return .notEnabled }
        // Secret scanning documents 404 for "repository is public or secret scanning is disabled".
        return error.code == .notFound ? .notEnabled : .noAccess
    }

    static func explain(_ source: SecurityAlert.Source, _ refusal: Refusal) -> String {
        switch (source, refusal) {
        case (_, .noAnalysis): return "code scanning has no analysis yet"
        case (.codeScanning, .notEnabled): return "code scanning is not enabled (GitHub Advanced Security or code scanning is off)"
        case (.secretScanning, .notEnabled): return "secret scanning is not enabled"
        case (.dependabot, .notEnabled): return "Dependabot alerts are not enabled"
        case (_, _): return "the credentials may not read \(title(source)) (a token needs the security_events scope, "
            + "an App the matching read permission)"
        }
    }

    static func title(_ source: SecurityAlert.Source) -> String {
        switch source {
        case .codeScanning: "code-scanning alerts"
        case .secretScanning: "secret-scanning alerts"
        case .dependabot: "Dependabot alerts"
        }
    }

    /// One diagnostic per source and reason, naming at most five repositories.
    static func aggregate(_ byRepository: [String: RepositoryHostAlerts], names: [String], noAnalysis: [String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func list(_ repos: [String]) -> String {
            let shown = repos.prefix(5).map(DisplayName.quote).joined(separator: ", ")
            return repos.count > 5 ? shown + " and \(repos.count - 5) more" : shown
        }
        if !noAnalysis.isEmpty {
            diagnostics.append(Diagnostic(.note, "code scanning has no analysis yet on \(noAnalysis.count) repositor\(noAnalysis.count == 1 ? "y" : "ies") (\(list(noAnalysis.sorted())))"))
        }
        for source in SecurityAlert.Source.allCases {
            for kind in [HostAlertProblem.Kind.notEnabled, .noAccess, .failed] {
                let hit = names.filter { byRepository[$0.lowercased()]?.unavailable[source]?.kind == kind }
                guard let first = hit.first, let problem = byRepository[first.lowercased()]?.unavailable[source] else { continue }
                let count = "\(hit.count) of \(names.count) repositor\(names.count == 1 ? "y" : "ies")"
                switch kind {
                case .notEnabled:
                    diagnostics.append(Diagnostic(.note, "\(problem.message) on \(count) (\(list(hit))); their \(title(source)) are not merged"))
                case .noAccess:
                    diagnostics.append(Diagnostic(.warning, "\(title(source)) could not be read for \(count) (\(list(hit))): \(problem.message)"))
                case .failed:
                    diagnostics.append(Diagnostic(.warning, "\(title(source)) could not be listed for \(count) (\(list(hit))); "
                        + "earlier alerts stay as they were. First failure: \(problem.message)"))
                }
            }
        }
        return diagnostics
    }

    // MARK: - Remembered refusals

    func memoKey(_ scope: String, _ source: SecurityAlert.Source) -> String {
        "infinity.alerts-refusal.v1 \(session.client.configuration.apiURL.absoluteString) \(source.rawValue) \(scope)"
    }

    func remembered(_ key: String) async -> Refusal? {
        guard let cache, let entry = try? await cache.lookup(key: key),
              clock().timeIntervalSince(entry.storedAt) < recheckRefusalsAfter else { return nil }
        return Refusal(rawValue: String(decoding: entry.body, as: UTF8.self))
    }

    func remember(_ key: String, _ refusal: Refusal) async {
        guard let cache else { return }
        let entry = CachedResponse(status: 200, etag: nil, lastModified: nil, headers: GitHubHeaders(),
                                   body: Data(refusal.rawValue.utf8), storedAt: clock())
        try? await cache.store(key: key, response: entry)
    }
}
