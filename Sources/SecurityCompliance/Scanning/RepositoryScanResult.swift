import Foundation

/// What scanning one repository (or one set of paths) found.
public struct RepositoryScanResult: Sendable, Codable {
    /// The repository's manifest name, or `paths` for a scan of paths on disk.
    public var repository: String
    /// The commit scanned; `nil` for paths on disk.
    public var commit: String?
    /// Whether secrets were scanned (so an empty list means clean, not skipped).
    public var scannedSecrets: Bool
    /// Whether dependencies were scanned.
    public var scannedDependencies: Bool
    /// Leaked secrets, already redacted.
    public var secrets: [SecretFinding]
    /// Vulnerable dependencies.
    public var dependencies: [DependencyFinding]
    /// Secret findings a baseline suppressed.
    public var suppressedByBaseline: Int
    /// Files the secret scanner read.
    public var filesScanned: Int
    /// Packages read from lockfiles.
    public var packagesScanned: Int
    /// Problems that did not stop the scan (malformed lockfile at file:line, unreadable file).
    public var diagnostics: [String]
    /// Set when the repository could not be scanned at all.
    public var error: String?
    /// The code host's own alerts (GitHub code scanning, secret scanning, Dependabot), those
    /// that are the same as one of our findings marked ``HostAlertFinding/mergedInto``.
    public var hostAlerts: [HostAlertFinding] = []
    /// The host alert sources listed in full this time (`github-dependabot` …): an earlier alert
    /// of such a source that is gone is fixed; other sources' earlier alerts stay as they were.
    public var hostAlertSources: [String] = []
    /// Host alert sources that could not be listed, and why (`github-secret-scanning: not enabled: …`).
    public var hostAlertProblems: [String] = []

    public init(repository: String, commit: String? = nil) {
        self.repository = repository
        self.commit = commit
        self.scannedSecrets = false
        self.scannedDependencies = false
        self.secrets = []
        self.dependencies = []
        self.suppressedByBaseline = 0
        self.filesScanned = 0
        self.packagesScanned = 0
        self.diagnostics = []
        self.error = nil
    }

    enum CodingKeys: String, CodingKey {
        case repository, commit
        case scannedSecrets = "scanned_secrets"
        case scannedDependencies = "scanned_dependencies"
        case secrets, dependencies
        case suppressedByBaseline = "suppressed_by_baseline"
        case filesScanned = "files_scanned"
        case packagesScanned = "packages_scanned"
        case diagnostics, error
        case hostAlerts = "host_alerts"
        case hostAlertSources = "host_alert_sources"
        case hostAlertProblems = "host_alert_problems"
    }

    /// The most serious finding's severity.
    public var highestSeverity: FindingSeverity? {
        (secrets.map(\.severity) + dependencies.map(\.severity) + separateHostAlerts.map(\.severity)).max()
    }

    /// Host alerts that are findings of their own (not the same as one of ours).
    public var separateHostAlerts: [HostAlertFinding] { hostAlerts.filter { $0.mergedInto.isEmpty } }
}
