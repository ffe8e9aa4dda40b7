import Foundation
import GitHubKit
import InfinityJSON

extension ServerJSON {
    /// `value` with `key` set (objects only).
    static func setting(_ value: JSONValue, _ key: String, _ member: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members[key] = member
        return .object(members)
    }

    /// The `simple-repository` object organization-level alert listings attach to each alert.
    func simpleRepository(_ repo: ServerRepository) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)"
        return .object([
            "id": .int(Int(repo.id)), "node_id": .string("R_kgDO\(repo.id)"), "name": .string(repo.name),
            "full_name": .string(repo.fullName),
            "owner": user(repo.owner, id: 1000 + Int64(repo.owner.count), type: repo.ownerType),
            "private": .bool(repo.isPrivate), "html_url": .string("\(web)/\(repo.fullName)"),
            "description": repo.description.map { .string($0) } ?? .null, "fork": .bool(repo.fork), "url": .string(base),
            "hooks_url": .string(base + "/hooks"), "issues_url": .string(base + "/issues{/number}"),
            "pulls_url": .string(base + "/pulls{/number}"), "languages_url": .string(base + "/languages"),
        ])
    }

    /// A code-scanning alert a test added, in the official shape.
    func codeScanningAlert(_ repo: ServerRepository, number: Int, _ spec: GitHubTestCodeScanningAlert) -> JSONValue {
        var alert = codeScanningAlert(repo, number: number)
        var rule: [String: JSONValue] = [
            "id": .string(spec.ruleID), "name": .string(spec.ruleID), "severity": .string(spec.severity),
            "description": .string(spec.message), "tags": .array([.string("security")]),
        ]
        rule["security_severity_level"] = spec.securitySeverity.map { .string($0) } ?? .null
        alert = Self.setting(alert, "rule", .object(rule))
        return Self.setting(alert, "most_recent_instance", .object([
            "ref": .string("refs/heads/\(repo.defaultBranch)"), "analysis_key": .string(".github/workflows/codeql.yml:analyze"),
            "environment": .string("{}"), "category": .string("/language:any"), "state": .string("open"),
            "commit_sha": .string(repo.headSHA ?? ""), "message": .object(["text": .string(spec.message)]),
            "location": .object([
                "path": .string(spec.path), "start_line": .int(spec.line), "end_line": .int(spec.line),
                "start_column": .int(1), "end_column": .int(2),
            ]),
            "classifications": .array([]),
        ]))
    }

    /// A secret-scanning alert a test added, with the raw `secret` as GitHub sends it.
    func secretScanningAlert(_ repo: ServerRepository, number: Int, _ spec: GitHubTestSecretAlert) -> JSONValue {
        var alert = secretScanningAlert(repo, number: number)
        alert = Self.setting(alert, "secret_type", .string(spec.secretType))
        alert = Self.setting(alert, "secret_type_display_name", .string(spec.displayName))
        alert = Self.setting(alert, "secret", .string(spec.secret))
        alert = Self.setting(alert, "validity", .string(spec.validity))
        alert = Self.setting(alert, "publicly_leaked", .bool(spec.publiclyLeaked))
        if let path = spec.path {
            let sha = repo.headSHA ?? ""
            alert = Self.setting(alert, "first_location_detected", .object([
                "path": .string(path), "start_line": .int(spec.line ?? 1), "end_line": .int(spec.line ?? 1),
                "start_column": .int(1), "end_column": .int(spec.secret.count + 1),
                "blob_sha": .string(GitObjectID.sha256Hex(Data(path.utf8)).prefix(40).description),
                "blob_url": .string("\(api)/repos/\(repo.fullName)/git/blobs/x"), "commit_sha": .string(sha),
                "commit_url": .string("\(api)/repos/\(repo.fullName)/git/commits/\(sha)"),
            ]))
            alert = Self.setting(alert, "has_more_locations", .bool(false))
        }
        return alert
    }

    /// A Dependabot alert a test added, in the official shape.
    func dependabotAlert(_ repo: ServerRepository, number: Int, _ spec: GitHubTestDependabotAlert) -> JSONValue {
        let package: JSONValue = .object(["ecosystem": .string(spec.ecosystem), "name": .string(spec.package)])
        let patched: JSONValue = spec.patchedVersion.map { .object(["identifier": .string($0)]) } ?? .null
        let vulnerability: JSONValue = .object([
            "package": package, "severity": .string(spec.severity), "vulnerable_version_range": .string(spec.vulnerableRange),
            "first_patched_version": patched,
        ])
        var identifiers: [JSONValue] = [.object(["type": .string("GHSA"), "value": .string(spec.ghsaID)])]
        if let cve = spec.cveID { identifiers.append(.object(["type": .string("CVE"), "value": .string(cve)])) }
        var alert = dependabotAlert(repo, number: number)
        alert = Self.setting(alert, "dependency", .object([
            "package": package, "manifest_path": .string(spec.manifestPath), "scope": .string("runtime"),
            "relationship": .string("direct"),
        ]))
        guard case .object(var advisory)? = alert["security_advisory"] else { return alert }
        advisory["ghsa_id"] = .string(spec.ghsaID)
        advisory["cve_id"] = spec.cveID.map { .string($0) } ?? .null
        advisory["summary"] = .string(spec.summary)
        advisory["severity"] = .string(spec.severity)
        advisory["vulnerabilities"] = .array([vulnerability])
        advisory["identifiers"] = .array(identifiers)
        alert = Self.setting(alert, "security_advisory", .object(advisory))
        return Self.setting(alert, "security_vulnerability", vulnerability)
    }
}
