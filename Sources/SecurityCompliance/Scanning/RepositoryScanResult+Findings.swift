import Foundation
import InfinityModel

extension RepositoryScanResult {
    /// The tool name of secret findings in SARIF and reports.
    public static let secretsTool = "infinity-secrets"
    /// The tool name of dependency findings in SARIF and reports.
    public static let dependenciesTool = "infinity-deps"

    /// The secret findings as the store keeps them (detail JSON holds only the redacted value).
    public var storeSecretFindings: [Finding] {
        secrets.map { s in
            Finding(ruleID: s.ruleID, severity: Finding.Severity(s.severity), file: s.file, line: s.line,
                    fingerprint: s.fingerprint,
                    detail: annotatedJSON(SecretDetail(description: s.description, redacted: s.redacted, column: s.column, commit: s.commit),
                                          fingerprint: s.fingerprint))
        }
    }

    /// The dependency findings as the store keeps them; detail JSON carries the advisory,
    /// aliases, installed version and nearest fixed version (what `bump_vulnerable` reads).
    public var storeDependencyFindings: [Finding] {
        dependencies.map { d in
            Finding(ruleID: d.advisoryID, severity: Finding.Severity(d.severity), file: d.file, line: d.line,
                    fingerprint: d.fingerprint, detail: annotatedJSON(d, fingerprint: d.fingerprint))
        }
    }

    /// Every finding in the tool-neutral shape the SARIF writer takes.
    public var securityFindings: [SecurityFinding] {
        let secretFindings = secrets.map { s in
            SecurityFinding(tool: Self.secretsTool, ruleId: s.ruleID, ruleName: s.ruleID, ruleDescription: s.description,
                            severity: s.severity.rawValue,
                            message: "\(s.description): \(s.redacted)" + (s.commit.map { " (added in \($0.prefix(12)))" } ?? ""),
                            repository: repository, file: s.file, startLine: s.line, startColumn: s.column,
                            fingerprint: s.fingerprint)
        }
        let dependencyFindings = dependencies.map { d in
            SecurityFinding(tool: Self.dependenciesTool, ruleId: d.advisoryID, ruleName: d.advisoryID,
                            ruleDescription: d.summary, severity: d.severity.rawValue,
                            message: Self.dependencyMessage(d), repository: repository, file: d.file, startLine: d.line,
                            fingerprint: d.fingerprint, helpURI: "https://osv.dev/vulnerability/\(d.advisoryID)")
        }
        return secretFindings + dependencyFindings
    }

    /// `urllib3 1.26.4 (PyPI) is affected by GHSA-… (CVE-…); fixed in 1.26.5`.
    public static func dependencyMessage(_ d: DependencyFinding) -> String {
        var text = "\(d.package) \(d.installedVersion) (\(d.ecosystem)) is affected by \(d.advisoryID)"
        if !d.aliases.isEmpty { text += " (\(d.aliases.joined(separator: ", ")))" }
        if let summary = d.summary, !summary.isEmpty { text += ": \(summary)" }
        text += d.fixedVersion.map { "; fixed in \($0)" } ?? "; no fixed version known"
        return text
    }

    struct SecretDetail: Encodable {
        var description: String
        var redacted: String
        var column: Int
        var commit: String?
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension Finding.Severity {
    /// The store's severity for a scanner severity (same four names).
    public init(_ severity: FindingSeverity) {
        self = Finding.Severity(rawValue: severity.rawValue) ?? .medium
    }
}
