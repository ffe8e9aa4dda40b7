import CodeHosts
import Foundation
import InfinityModel

/// One of the code host's own alerts (GitHub code scanning, secret scanning, Dependabot) as a
/// finding of ours. Holds no secret value: a secret-scanning alert is its type and location.
public struct HostAlertFinding: Sendable, Hashable, Codable {
    /// `github-code-scanning`, `github-secret-scanning` or `github-dependabot`.
    public var source: String
    /// `sarif` (code scanning), `secret` or `vulnerability` (Dependabot).
    public var kind: Finding.Kind
    /// The alert's number in its repository.
    public var number: Int
    /// The code-scanning rule, the secret type, or the GHSA id.
    public var ruleID: String
    public var severity: FindingSeverity
    public var title: String
    /// The alert's page.
    public var url: String
    public var file: String?
    public var line: Int?
    /// Code scanning: the tool.
    public var tool: String?
    /// Dependabot: the ecosystem as GitHub names it, the package, every advisory id, the
    /// vulnerable range and the first patched version.
    public var ecosystem: String?
    public var package: String?
    public var advisoryIDs: [String]
    public var vulnerableRange: String?
    public var fixedVersion: String?
    /// Secret scanning: `active`, `inactive` or `unknown`.
    public var validity: String?
    /// `<source>:<number>`: stable across scans (GitHub never renumbers an alert).
    public var fingerprint: String
    /// Set when the alert is the same thing as some of our own findings: their fingerprints
    /// (recorded once, as our finding, with both sources noted). Empty: a finding of its own.
    public var mergedInto: [String]

    enum CodingKeys: String, CodingKey {
        case source, kind, number
        case ruleID = "rule_id"
        case severity, title, url, file, line, tool, ecosystem, package
        case advisoryIDs = "advisory_ids"
        case vulnerableRange = "vulnerable_range"
        case fixedVersion = "fixed_version"
        case validity, fingerprint
        case mergedInto = "merged_into"
    }

    /// Maps a host alert; the severity follows ``severity(of:)``.
    public init(_ alert: SecurityAlert) {
        source = alert.source.findingSource
        switch alert.source {
        case .codeScanning: kind = .sarif
        case .secretScanning: kind = .secret
        case .dependabot: kind = .vulnerability
        }
        number = alert.number
        ruleID = alert.rule
        severity = Self.severity(of: alert)
        title = alert.summary
        url = alert.url
        file = alert.file
        line = alert.line
        tool = alert.tool
        ecosystem = alert.ecosystem
        package = alert.package
        advisoryIDs = alert.advisoryIDs
        vulnerableRange = alert.vulnerableRange
        fixedVersion = alert.fixedVersion
        validity = alert.validity
        fingerprint = "\(alert.source.findingSource):\(alert.number)"
        mergedInto = []
    }

    /// The severity of a host alert:
    /// - code scanning: the rule's security severity (`critical` … `low`), else its own
    ///   severity (`error` → high, `warning` → medium, `note`/`none` → low);
    /// - secret scanning (GitHub gives none): `critical` when the secret is known to be active or
    ///   leaked publicly, else `high`;
    /// - Dependabot: the advisory's severity (`moderate` reads as medium); medium when unknown.
    public static func severity(of alert: SecurityAlert) -> FindingSeverity {
        switch alert.source {
        case .secretScanning:
            return alert.validity == "active" || alert.publiclyLeaked == true ? .critical : .high
        case .codeScanning, .dependabot:
            switch alert.severity?.lowercased() {
            case "critical": return .critical
            case "high", "error": return .high
            case "medium", "moderate", "warning": return .medium
            case "low", "note", "none": return .low
            default: return alert.source == .codeScanning ? .low : .medium
            }
        }
    }

    /// The finding as the store keeps it (detail: this value as JSON — what `bump_vulnerable`
    /// reads for Dependabot alerts: `package`, `fixed_version`).
    public var storeFinding: Finding {
        Finding(ruleID: ruleID, severity: Finding.Severity(severity), file: file, line: line, fingerprint: fingerprint,
                detail: RepositoryScanResult.json(self))
    }

    /// One line for people: `github-dependabot #3 GHSA-… left-pad (< 1.2.3) → 1.2.3`.
    public var summaryLine: String {
        var text = "\(source) #\(number) \(ruleID)"
        if let package { text += " \(package)" + (vulnerableRange.map { " (\($0))" } ?? "") }
        let aliases = advisoryIDs.filter { $0 != ruleID }
        if !aliases.isEmpty { text += " [\(aliases.joined(separator: ", "))]" }
        if kind == .vulnerability { text += " → \(fixedVersion ?? "no fix known")" }
        if kind != .vulnerability, !title.isEmpty { text += ": \(title)" }
        return text
    }
}
