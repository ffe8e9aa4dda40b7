import Foundation

/// The receipt of a SARIF upload.
public struct SarifUploadReceipt: Sendable, Hashable, Codable {
    /// The analysis id to poll.
    public var id: String?
    /// The status URL.
    public var url: String?
}

/// A code-scanning alert.
public struct CodeScanningAlert: Sendable, Hashable, Codable {
    /// The rule.
    public struct Rule: Sendable, Hashable, Codable {
        /// The rule id.
        public var id: String?
        /// The name.
        public var name: String?
        /// `none`, `note`, `warning` or `error`.
        public var severity: String?
        /// `low`, `medium`, `high` or `critical`.
        public var securitySeverityLevel: String?
        /// The description.
        public var description: String?
        /// Tags.
        public var tags: [String]?
    }
    /// The tool.
    public struct Tool: Sendable, Hashable, Codable {
        /// The name.
        public var name: String?
        /// The version.
        public var version: String?
    }
    /// A place in the code.
    public struct Location: Sendable, Hashable, Codable {
        /// The file.
        public var path: String?
        /// First line.
        public var startLine: Int?
        /// Last line.
        public var endLine: Int?
    }
    /// A message.
    public struct Message: Sendable, Hashable, Codable {
        /// The text.
        public var text: String?
    }
    /// The latest instance.
    public struct Instance: Sendable, Hashable, Codable {
        /// The ref.
        public var ref: String?
        /// The state.
        public var state: String?
        /// The commit.
        public var commitSha: String?
        /// The location.
        public var location: Location?
        /// The message.
        public var message: Message?
    }
    /// The number.
    public var number: Int
    /// `open`, `dismissed` or `fixed`.
    public var state: String?
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date?
    /// The web page.
    public var htmlUrl: String
    /// Fix time.
    public var fixedAt: Date?
    /// Dismissal time.
    public var dismissedAt: Date?
    /// Dismissal reason.
    public var dismissedReason: String?
    /// The rule.
    public var rule: Rule
    /// The tool.
    public var tool: Tool
    /// The latest instance.
    public var mostRecentInstance: Instance
    /// The repository (organization-level listings only).
    public var repository: AlertRepository?
}

/// The repository an alert of an organization-level listing belongs to (`simple-repository`).
public struct AlertRepository: Sendable, Hashable, Codable {
    /// The id.
    public var id: Int64?
    /// The name.
    public var name: String?
    /// `owner/name`.
    public var fullName: String
}

/// A secret-scanning alert. The secret value itself is deliberately not decoded.
public struct SecretScanningAlert: Sendable, Hashable, Codable {
    /// The number.
    public var number: Int?
    /// Creation time.
    public var createdAt: Date?
    /// Update time.
    public var updatedAt: Date?
    /// The web page.
    public var htmlUrl: String?
    /// `open` or `resolved`.
    public var state: String?
    /// Why it was resolved.
    public var resolution: String?
    /// Resolution time.
    public var resolvedAt: Date?
    /// The secret type, e.g. `github_personal_access_token`.
    public var secretType: String?
    /// A readable secret type.
    public var secretTypeDisplayName: String?
    /// `active`, `inactive` or `unknown`.
    public var validity: String?
    /// Whether the secret leaked publicly.
    public var publiclyLeaked: Bool?
    /// Whether push protection was bypassed.
    public var pushProtectionBypassed: Bool?
    /// Where the secret was first found.
    public var firstLocationDetected: SecretLocation?
    /// The repository (organization-level listings only).
    public var repository: AlertRepository?
}

/// A place a secret-scanning alert was found (`secret-scanning-location-commit`); other
/// location types (issue, discussion, wiki) carry no path and decode with every field nil.
public struct SecretLocation: Sendable, Hashable, Codable {
    /// The file.
    public var path: String?
    /// First line.
    public var startLine: Int?
    /// The commit.
    public var commitSha: String?
}

/// A Dependabot alert.
public struct DependabotAlert: Sendable, Hashable, Codable {
    /// A package.
    public struct Package: Sendable, Hashable, Codable {
        /// `npm`, `pip`, `swift`, …
        public var ecosystem: String
        /// The name.
        public var name: String
    }
    /// The vulnerable dependency.
    public struct Dependency: Sendable, Hashable, Codable {
        /// The package.
        public var package: Package?
        /// The manifest.
        public var manifestPath: String?
        /// `development` or `runtime`.
        public var scope: String?
        /// `direct`, `transitive`, …
        public var relationship: String?
    }
    /// An advisory identifier.
    public struct Identifier: Sendable, Hashable, Codable {
        /// `CVE` or `GHSA`.
        public var type: String
        /// The value.
        public var value: String
    }
    /// The advisory.
    public struct Advisory: Sendable, Hashable, Codable {
        /// The GHSA id.
        public var ghsaId: String
        /// The CVE id.
        public var cveId: String?
        /// The summary.
        public var summary: String
        /// `low`, `medium`, `high` or `critical`.
        public var severity: String
        /// Identifiers.
        public var identifiers: [Identifier]?
    }
    /// A patched version.
    public struct PatchedVersion: Sendable, Hashable, Codable {
        /// The version.
        public var identifier: String
    }
    /// The vulnerable range.
    public struct Vulnerability: Sendable, Hashable, Codable {
        /// The package.
        public var package: Package
        /// The severity.
        public var severity: String
        /// The vulnerable range.
        public var vulnerableVersionRange: String
        /// The first fixed version.
        public var firstPatchedVersion: PatchedVersion?
    }
    /// The number.
    public var number: Int
    /// `auto_dismissed`, `dismissed`, `fixed` or `open`.
    public var state: String
    /// The dependency.
    public var dependency: Dependency
    /// The advisory.
    public var securityAdvisory: Advisory
    /// The vulnerable range.
    public var securityVulnerability: Vulnerability
    /// The web page.
    public var htmlUrl: String
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date
    /// Dismissal time.
    public var dismissedAt: Date?
    /// Fix time.
    public var fixedAt: Date?
    /// The repository (organization-level listings only).
    public var repository: AlertRepository?
}
