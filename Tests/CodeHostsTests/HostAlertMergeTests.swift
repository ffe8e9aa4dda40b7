import CodeHosts
import Foundation
import InfinityModel
import SecurityCompliance
import Testing

@Suite("Host alerts: severity and the same-thing rule")
struct HostAlertMergeTests {
    static func dependabot(_ ecosystem: String, _ package: String, manifest: String, ids: [String], severity: String = "high") -> SecurityAlert {
        SecurityAlert(source: .dependabot, number: 7, rule: ids[0], severity: severity, summary: "s", url: "u", file: manifest,
                      ecosystem: ecosystem, package: package, advisoryIDs: ids, vulnerableRange: "< 9", fixedVersion: "9")
    }

    static func finding(_ file: String, _ ecosystem: String, _ package: String, advisory: String, aliases: [String] = []) -> DependencyFinding {
        DependencyFinding(file: file, line: 1, ecosystem: ecosystem, package: package, installedVersion: "1.0", advisoryID: advisory,
                          aliases: aliases, summary: nil, severity: .high, fixedVersion: "9", safeVersion: nil)
    }

    @Test("severity: security level first, rule severity else; secrets critical when active or public; moderate is medium")
    func severities() {
        func code(_ severity: String?) -> FindingSeverity {
            HostAlertFinding.severity(of: SecurityAlert(source: .codeScanning, number: 1, rule: "r", severity: severity, summary: "", url: ""))
        }
        #expect(code("critical") == .critical && code("error") == .high && code("warning") == .medium && code("note") == .low && code(nil) == .low)
        func secret(_ validity: String?, _ leaked: Bool?) -> FindingSeverity {
            HostAlertFinding.severity(of: SecurityAlert(source: .secretScanning, number: 1, rule: "t", severity: nil, summary: "", url: "",
                                                        validity: validity, publiclyLeaked: leaked))
        }
        #expect(secret("active", false) == .critical && secret("unknown", true) == .critical && secret("inactive", false) == .high)
        #expect(HostAlertFinding.severity(of: Self.dependabot("npm", "x", manifest: "p", ids: ["GHSA-1"], severity: "moderate")) == .medium)
    }

    @Test("same ecosystem (GitHub's name mapped), package (PyPI spelling-insensitive) and an overlapping id; the manifest's directory wins")
    func sameThingRule() {
        var result = RepositoryScanResult(repository: "r")
        let near = Self.finding("svc/requirements.txt", "PyPI", "PyYAML", advisory: "PYSEC-2021-1", aliases: ["CVE-2020-14343"])
        let far = Self.finding("requirements.txt", "PyPI", "pyyaml", advisory: "GHSA-8q59-q68h-6hv4", aliases: ["CVE-2020-14343"])
        let otherPackage = Self.finding("svc/requirements.txt", "PyPI", "urllib3", advisory: "GHSA-8q59-q68h-6hv4")
        let otherEcosystem = Self.finding("svc/package-lock.json", "npm", "pyyaml", advisory: "GHSA-8q59-q68h-6hv4")
        result.dependencies = [near, far, otherPackage, otherEcosystem]
        let alert = Self.dependabot("pip", "py_yaml", manifest: "svc/requirements.txt", ids: ["GHSA-8q59-q68h-6hv4", "CVE-2020-14343"])
        let unrelated = Self.dependabot("pip", "pyyaml", manifest: "svc/requirements.txt", ids: ["GHSA-zzzz-zzzz-zzzz"])
        let host = RepositoryHostAlerts(alerts: [alert, unrelated], covered: [.dependabot])
        let merged = HostAlertMerge.merge(host, into: result)
        // "py_yaml" is not "pyyaml": PyPI normalization only folds separators.
        #expect(merged.hostAlerts.allSatisfy { $0.mergedInto.isEmpty })
        let spelled = Self.dependabot("pip", "PyYAML", manifest: "svc/requirements.txt", ids: ["GHSA-8q59-q68h-6hv4", "CVE-2020-14343"])
        let again = HostAlertMerge.merge(RepositoryHostAlerts(alerts: [spelled], covered: [.dependabot]), into: result)
        #expect(again.hostAlerts.first?.mergedInto == [near.fingerprint])
        let elsewhere = Self.dependabot("pip", "pyyaml", manifest: "other/requirements.txt", ids: ["CVE-2020-14343"])
        let both = HostAlertMerge.merge(RepositoryHostAlerts(alerts: [elsewhere], covered: [.dependabot]), into: result)
        #expect(both.hostAlerts.first?.mergedInto == [near.fingerprint, far.fingerprint])
        #expect(HostAlertMerge.osvName(ofGitHubEcosystem: "rust") == "crates.io" && HostAlertMerge.osvName(ofGitHubEcosystem: "composer") == "Packagist")
        // A source that was not covered contributes nothing.
        let uncovered = HostAlertMerge.merge(RepositoryHostAlerts(alerts: [spelled], covered: []), into: result)
        #expect(uncovered.hostAlerts.isEmpty && uncovered.hostAlertSources.isEmpty)
    }
}
