import Foundation
import InfinityModel

/// Why a host could not list one kind of alert for a repository.
public struct HostAlertProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The feature is off for the repository (403 "Advanced Security must be enabled", 404
        /// "Secret scanning is disabled", 403 "Dependabot alerts are disabled", …).
        case notEnabled = "not enabled"
        /// The credentials may not read these alerts (a 403 that is not about the feature).
        case noAccess = "no access"
        /// Any other failure (5xx after retries, rate limit, malformed answer).
        case failed
    }

    public var kind: Kind
    /// What the host said, for the diagnostic.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// What the host said about one repository's alerts.
public struct RepositoryHostAlerts: Sendable {
    /// The open alerts of the sources in `covered`.
    public var alerts: [SecurityAlert]
    /// Sources whose open alerts were listed in full: an earlier alert of such a source that is
    /// no longer listed is gone (fixed, dismissed). Sources not covered say nothing this time.
    public var covered: Set<SecurityAlert.Source>
    /// Sources that could not be listed, and why.
    public var unavailable: [SecurityAlert.Source: HostAlertProblem]

    public init(alerts: [SecurityAlert] = [], covered: Set<SecurityAlert.Source> = [],
                unavailable: [SecurityAlert.Source: HostAlertProblem] = [:]) {
        self.alerts = alerts
        self.covered = covered
        self.unavailable = unavailable
    }
}

/// The alerts of many repositories, and a few aggregated notes about what could not be listed
/// (one line per source and reason, never one per repository).
public struct HostAlertCollection: Sendable {
    /// Per repository, keyed by lower-cased `owner/name`.
    public var repositories: [String: RepositoryHostAlerts]
    /// Aggregated notes and warnings.
    public var diagnostics: [Diagnostic]

    public init(repositories: [String: RepositoryHostAlerts] = [:], diagnostics: [Diagnostic] = []) {
        self.repositories = repositories
        self.diagnostics = diagnostics
    }

    /// The alerts of `fullName` (any case).
    public func alerts(for fullName: String) -> RepositoryHostAlerts? { repositories[fullName.lowercased()] }
}

/// Lists a host's own security alerts (GitHub code scanning, secret scanning, Dependabot) for
/// many repositories at once. Per-repository problems become entries of
/// ``RepositoryHostAlerts/unavailable`` and aggregated diagnostics; the collection never throws.
public protocol HostSecurityAlertSource: Sendable {
    /// The open alerts of `sources` for `repositories` (`owner/name`), with at most `maxParallel`
    /// repositories asked at once where the host must be asked per repository.
    func collectOpenAlerts(repositories: [String], sources: Set<SecurityAlert.Source>, maxParallel: Int) async -> HostAlertCollection
}
