import Foundation
import GitHubKit

extension SecurityAlert {
    /// A code-scanning alert: the rule, its security severity (else the rule's own severity),
    /// and the file and line of the latest instance.
    public init(_ alert: CodeScanningAlert) {
        let location = alert.mostRecentInstance.location
        self.init(source: .codeScanning, number: alert.number, rule: alert.rule.id ?? alert.rule.name ?? "unknown",
                  severity: alert.rule.securitySeverityLevel ?? alert.rule.severity,
                  summary: alert.rule.description ?? alert.mostRecentInstance.message?.text ?? "",
                  url: alert.htmlUrl, repository: alert.repository?.fullName, file: location?.path.map(Self.relative),
                  line: location?.startLine, tool: alert.tool.name, ruleSeverity: alert.rule.severity)
    }

    /// A secret-scanning alert: the secret type and where it was first found. The secret value is
    /// not part of ``SecretScanningAlert`` at all (and is stripped from the answer before caching).
    public init(_ alert: SecretScanningAlert) {
        self.init(source: .secretScanning, number: alert.number ?? 0, rule: alert.secretType ?? "secret", severity: nil,
                  summary: alert.secretTypeDisplayName ?? alert.secretType ?? "exposed secret", url: alert.htmlUrl ?? "",
                  repository: alert.repository?.fullName, file: alert.firstLocationDetected?.path.map(Self.relative),
                  line: alert.firstLocationDetected?.startLine, validity: alert.validity, publiclyLeaked: alert.publiclyLeaked)
    }

    /// A Dependabot alert: the advisory (GHSA, CVE and other ids), package, manifest, vulnerable
    /// range and first patched version.
    public init(_ alert: DependabotAlert) {
        let advisory = alert.securityAdvisory
        var ids = [advisory.ghsaId]
        if let cve = advisory.cveId, !cve.isEmpty { ids.append(cve) }
        for identifier in advisory.identifiers ?? [] where !ids.contains(where: { $0.caseInsensitiveCompare(identifier.value) == .orderedSame }) {
            ids.append(identifier.value)
        }
        let package = alert.dependency.package ?? alert.securityVulnerability.package
        self.init(source: .dependabot, number: alert.number, rule: advisory.ghsaId,
                  severity: alert.securityVulnerability.severity.isEmpty ? advisory.severity : alert.securityVulnerability.severity,
                  summary: advisory.summary, url: alert.htmlUrl, repository: alert.repository?.fullName,
                  file: alert.dependency.manifestPath.map(Self.relative), ecosystem: package.ecosystem, package: package.name,
                  advisoryIDs: ids, vulnerableRange: alert.securityVulnerability.vulnerableVersionRange,
                  fixedVersion: alert.securityVulnerability.firstPatchedVersion?.identifier)
    }

    /// A path relative to the repository root (GitHub sometimes writes `/path`).
    static func relative(_ path: String) -> String {
        String(path.drop { $0 == "/" })
    }
}
