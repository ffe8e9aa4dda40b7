import Foundation

/// Whether a security feature of a test-server repository answers, and how it refuses.
public enum GitHubTestAlertFeature: Sendable, Hashable {
    /// The alerts are listed.
    case enabled
    /// Code scanning: 403 "Advanced Security must be enabled …"; secret scanning: 404 "Secret
    /// scanning is disabled on this repository."; Dependabot: 403 "Dependabot alerts are disabled …".
    case disabled
    /// Code scanning only: 404 "no analysis found" (enabled, never analysed).
    case noAnalysis
}

/// A Dependabot alert added by a test (numbered after the synthetic ones).
public struct GitHubTestDependabotAlert: Sendable, Hashable {
    public var ecosystem: String
    public var package: String
    public var manifestPath: String
    public var ghsaID: String
    public var cveID: String?
    public var severity: String
    public var vulnerableRange: String
    public var patchedVersion: String?
    public var summary: String

    public init(ecosystem: String, package: String, manifestPath: String, ghsaID: String, cveID: String? = nil,
                severity: String = "high", vulnerableRange: String, patchedVersion: String? = nil, summary: String = "Advisory") {
        self.ecosystem = ecosystem
        self.package = package
        self.manifestPath = manifestPath
        self.ghsaID = ghsaID
        self.cveID = cveID
        self.severity = severity
        self.vulnerableRange = vulnerableRange
        self.patchedVersion = patchedVersion
        self.summary = summary
    }
}

/// A secret-scanning alert added by a test; `secret` is what the server puts in the raw `secret`
/// field, as GitHub does (a client must never keep it).
public struct GitHubTestSecretAlert: Sendable, Hashable {
    public var secretType: String
    public var displayName: String
    public var secret: String
    public var path: String?
    public var line: Int?
    public var validity: String
    public var publiclyLeaked: Bool

    public init(secretType: String, displayName: String, secret: String, path: String? = nil, line: Int? = nil,
                validity: String = "unknown", publiclyLeaked: Bool = false) {
        self.secretType = secretType
        self.displayName = displayName
        self.secret = secret
        self.path = path
        self.line = line
        self.validity = validity
        self.publiclyLeaked = publiclyLeaked
    }
}

/// A code-scanning alert added by a test.
public struct GitHubTestCodeScanningAlert: Sendable, Hashable {
    public var ruleID: String
    /// `none`, `note`, `warning` or `error`.
    public var severity: String
    /// `low`, `medium`, `high`, `critical` or nil (non-security rules).
    public var securitySeverity: String?
    public var path: String
    public var line: Int
    public var message: String

    public init(ruleID: String, severity: String = "error", securitySeverity: String? = "high", path: String, line: Int,
                message: String = "A finding") {
        self.ruleID = ruleID
        self.severity = severity
        self.securitySeverity = securitySeverity
        self.path = path
        self.line = line
        self.message = message
    }
}

/// The three alert listings, by their path segment.
typealias ServerAlertKind = GitHubTestAlertListing

/// The security state of one repository.
struct ServerSecurityState {
    var codeScanning = GitHubTestAlertFeature.enabled
    var secretScanning = GitHubTestAlertFeature.enabled
    var dependabot = GitHubTestAlertFeature.enabled
    var codeAlerts: [GitHubTestCodeScanningAlert] = []
    var secretAlerts: [GitHubTestSecretAlert] = []
    var dependabotAlerts: [GitHubTestDependabotAlert] = []
    /// `kind#number` of alerts no longer open (fixed / resolved).
    var closed: Set<String> = []

    func feature(_ kind: ServerAlertKind) -> GitHubTestAlertFeature {
        switch kind {
        case .codeScanning: codeScanning
        case .secretScanning: secretScanning
        case .dependabot: dependabot
        }
    }
}
