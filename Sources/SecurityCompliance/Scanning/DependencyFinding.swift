import Foundation

/// An installed package that an OSV advisory affects.
public struct DependencyFinding: Sendable, Hashable, Codable {
    /// The lockfile or manifest that pins the package, relative to the scanned root.
    public var file: String
    /// The line of the pin, when the format tells it.
    public var line: Int?
    /// The OSV ecosystem (`PyPI`, `npm` …).
    public var ecosystem: String
    /// The package name as the lockfile spells it.
    public var package: String
    /// The version the lockfile pins.
    public var installedVersion: String
    /// The advisory id (`GHSA-…`, `PYSEC-…`).
    public var advisoryID: String
    /// Other ids of the same advisory (`CVE-…`).
    public var aliases: [String]
    /// The advisory's one-line summary.
    public var summary: String?
    /// How serious: `low`, `medium`, `high` or `critical` (`medium` when the advisory gives no severity).
    public var severity: FindingSeverity
    /// The nearest version above the installed one that fixes this advisory.
    public var fixedVersion: String?
    /// The nearest version above the installed one that no known advisory affects.
    public var safeVersion: String?
    /// Stable identity across scans: file, package, version and advisory.
    public var fingerprint: String

    public init(file: String, line: Int?, ecosystem: String, package: String, installedVersion: String,
                advisoryID: String, aliases: [String], summary: String?, severity: FindingSeverity,
                fixedVersion: String?, safeVersion: String?) {
        self.file = file
        self.line = line
        self.ecosystem = ecosystem
        self.package = package
        self.installedVersion = installedVersion
        self.advisoryID = advisoryID
        self.aliases = aliases
        self.summary = summary
        self.severity = severity
        self.fixedVersion = fixedVersion
        self.safeVersion = safeVersion
        self.fingerprint = "dep:" + StableHash.hex([file, ecosystem, package, installedVersion, advisoryID])
    }

    enum CodingKeys: String, CodingKey {
        case file, line, ecosystem, package
        case installedVersion = "installed_version"
        case advisoryID = "advisory_id"
        case aliases, summary, severity
        case fixedVersion = "fixed_version"
        case safeVersion = "safe_version"
        case fingerprint
    }
}

extension FindingSeverity {
    /// The finding severity of an advisory; `medium` when the advisory gives none.
    init(_ advisory: AdvisorySeverity?) {
        switch advisory {
        case .critical: self = .critical
        case .high: self = .high
        case .low: self = .low
        case .medium, nil: self = .medium
        }
    }
}
