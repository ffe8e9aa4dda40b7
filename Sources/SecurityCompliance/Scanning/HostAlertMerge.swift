import CodeHosts
import Foundation
import InfinityModel

/// Merges a code host's alerts into a repository's scan result.
///
/// The rule for "the same thing" (then one finding, both sources noted):
/// - a **Dependabot** alert and one of our OSV findings are the same when the ecosystem matches
///   (GitHub's names mapped to OSV's: `pip` → `PyPI`, `rust` → `crates.io` …), the package name
///   matches (case-insensitively; for PyPI `-`, `_` and `.` alike) and the advisory ids overlap
///   (the alert's GHSA, CVE and other ids against the finding's id and aliases). When several of
///   our findings match, those whose lockfile sits in the manifest's directory are preferred; the
///   alert is noted on each of them (Dependabot alerts are per manifest, OSV findings per
///   lockfile entry);
/// - a **secret-scanning** alert and one of our secret findings are the same when GitHub's first
///   location is our finding's file and line;
/// - **code-scanning** alerts are never merged (imported SARIF results are their own tools).
/// The merged finding keeps our fingerprint, so it stays one finding across scans.
public enum HostAlertMerge {
    /// `result` with the alerts of `host` added (``RepositoryScanResult/hostAlerts``), each
    /// marked ``HostAlertFinding/mergedInto`` where it is the same as one of our findings.
    public static func merge(_ host: RepositoryHostAlerts, into result: RepositoryScanResult) -> RepositoryScanResult {
        var out = result
        out.hostAlertSources = SecurityAlert.Source.allCases.filter { host.covered.contains($0) }.map(\.findingSource)
        out.hostAlertProblems = host.unavailable.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.findingSource): \($0.value.kind.rawValue): \($0.value.message)" }
        out.hostAlerts = host.alerts.filter { host.covered.contains($0.source) }.map { alert in
            var finding = HostAlertFinding(alert)
            switch alert.source {
            case .dependabot: finding.mergedInto = matchingDependencies(alert, in: result.dependencies).map(\.fingerprint)
            case .secretScanning: finding.mergedInto = matchingSecret(alert, in: result.secrets).map { [$0] } ?? []
            case .codeScanning: break
            }
            return finding
        }
        return out
    }

    /// Our dependency findings the Dependabot alert is the same as (see the type's rule).
    static func matchingDependencies(_ alert: SecurityAlert, in findings: [DependencyFinding]) -> [DependencyFinding] {
        guard let ecosystem = alert.ecosystem, let package = alert.package else { return [] }
        let osvEcosystem = osvName(ofGitHubEcosystem: ecosystem).lowercased()
        let ids = Set(alert.advisoryIDs.map { $0.uppercased() } + [alert.rule.uppercased()])
        let candidates = findings.filter { d in
            d.ecosystem.lowercased() == osvEcosystem
                && normalized(d.package, ecosystem: osvEcosystem) == normalized(package, ecosystem: osvEcosystem)
                && !ids.isDisjoint(with: ([d.advisoryID] + d.aliases).map { $0.uppercased() })
        }
        let directory = alert.file.map(Self.directory) ?? ""
        let near = candidates.filter { Self.directory($0.file) == directory }
        return near.isEmpty ? candidates : near
    }

    static func matchingSecret(_ alert: SecurityAlert, in findings: [SecretFinding]) -> String? {
        guard let file = alert.file, let line = alert.line else { return nil }
        return findings.first { $0.file == file && $0.line == line }?.fingerprint
    }

    /// OSV's ecosystem name for GitHub's (`pip` → `PyPI`); unknown names are returned as they are.
    public static func osvName(ofGitHubEcosystem name: String) -> String {
        switch name.lowercased() {
        case "npm": "npm"
        case "pip": "PyPI"
        case "maven": "Maven"
        case "nuget": "NuGet"
        case "rubygems": "RubyGems"
        case "composer": "Packagist"
        case "go": "Go"
        case "rust": "crates.io"
        case "pub": "Pub"
        case "swift": "SwiftURL"
        case "erlang": "Hex"
        case "actions": "GitHub Actions"
        default: name
        }
    }

    static func normalized(_ package: String, ecosystem: String) -> String {
        let lower = package.lowercased()
        guard ecosystem == "pypi" else { return lower }
        var out = ""
        var lastWasSeparator = false
        for c in lower {
            if c == "-" || c == "_" || c == "." {
                if !lastWasSeparator { out.append("-") }
                lastWasSeparator = true
            } else {
                out.append(c)
                lastWasSeparator = false
            }
        }
        return out
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
