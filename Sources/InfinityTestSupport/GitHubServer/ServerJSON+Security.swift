import Foundation
import GitHubKit
import InfinityJSON

extension ServerJSON {
    func codeScanningAlert(_ repo: ServerRepository, number: Int) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/code-scanning/alerts/\(number)"
        return .object([
            "number": .int(number), "created_at": Self.date(repo.createdAt), "updated_at": Self.date(repo.updatedAt),
            "url": .string(base), "html_url": .string("\(web)/\(repo.fullName)/security/code-scanning/\(number)"),
            "instances_url": .string(base + "/instances"), "state": .string("open"), "fixed_at": .null,
            "dismissed_by": .null, "dismissed_at": .null, "dismissed_reason": .null, "dismissed_comment": .null,
            "rule": .object([
                "id": .string(number == 1 ? "swift/hardcoded-key" : "swift/path-injection"), "name": .string("rule-\(number)"),
                "severity": .string(number == 1 ? "error" : "warning"),
                "security_severity_level": .string(number == 1 ? "high" : "medium"),
                "description": .string("Synthetic rule \(number)"), "tags": .array([.string("security")]),
            ]),
            "tool": .object(["name": .string("CodeQL"), "guid": .null, "version": .string("2.15.0")]),
            "most_recent_instance": .object([
                "ref": .string("refs/heads/main"), "analysis_key": .string(".github/workflows/codeql.yml:analyze"),
                "environment": .string("{}"), "category": .string("/language:swift"), "state": .string("open"),
                "commit_sha": .string(repo.headSHA ?? ""), "message": .object(["text": .string("Finding \(number)")]),
                "location": .object([
                    "path": .string("Sources/App/main.swift"), "start_line": .int(number * 3), "end_line": .int(number * 3),
                    "start_column": .int(1), "end_column": .int(10),
                ]),
                "classifications": .array([]),
            ]),
        ])
    }

    func secretScanningAlert(_ repo: ServerRepository, number: Int) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/secret-scanning/alerts/\(number)"
        return .object([
            "number": .int(number), "created_at": Self.date(repo.createdAt), "updated_at": .null, "url": .string(base),
            "html_url": .string("\(web)/\(repo.fullName)/security/secret-scanning/\(number)"),
            "locations_url": .string(base + "/locations"), "state": .string("open"), "resolution": .null,
            "resolved_at": .null, "resolved_by": .null, "secret_type": .string("github_personal_access_token"),
            "secret_type_display_name": .string("GitHub Personal Access Token"),
            "secret": .string("ghp_SYNTHETICLEAKEDVALUE\(repo.id)"), "validity": .string("unknown"),
            "publicly_leaked": .bool(false), "multi_repo": .bool(false), "push_protection_bypassed": .bool(false),
            "push_protection_bypassed_by": .null, "push_protection_bypassed_at": .null,
        ])
    }

    func dependabotAlert(_ repo: ServerRepository, number: Int) -> JSONValue {
        let package: JSONValue = .object(["ecosystem": .string("npm"), "name": .string("left-pad-\(number)")])
        let ghsa = "GHSA-\(number)\(number)xx-yyyy-zzzz"
        return .object([
            "number": .int(number), "state": .string("open"),
            "dependency": .object([
                "package": package, "manifest_path": .string("package-lock.json"), "scope": .string("runtime"),
                "relationship": .string("direct"),
            ]),
            "security_advisory": .object([
                "ghsa_id": .string(ghsa), "cve_id": .string("CVE-2024-000\(number)"), "summary": .string("Synthetic advisory \(number)"),
                "description": .string("A synthetic vulnerability."),
                "vulnerabilities": .array([
                    .object([
                        "package": package, "severity": .string("high"), "vulnerable_version_range": .string("< 1.2.\(number)"),
                        "first_patched_version": .object(["identifier": .string("1.2.\(number)")]),
                    ])
                ]),
                "severity": .string("high"),
                "cvss": .object(["score": .double(7.5), "vector_string": .string("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")]),
                "cwes": .array([.object(["cwe_id": .string("CWE-20"), "name": .string("Improper Input Validation")])]),
                "identifiers": .array([
                    .object(["type": .string("GHSA"), "value": .string(ghsa)]),
                    .object(["type": .string("CVE"), "value": .string("CVE-2024-000\(number)")]),
                ]),
                "references": .array([.object(["url": .string("https://example.invalid/advisory/\(number)")])]),
                "published_at": Self.date(repo.createdAt), "updated_at": Self.date(repo.updatedAt), "withdrawn_at": .null,
            ]),
            "security_vulnerability": .object([
                "package": package, "severity": .string("high"), "vulnerable_version_range": .string("< 1.2.\(number)"),
                "first_patched_version": .object(["identifier": .string("1.2.\(number)")]),
            ]),
            "url": .string("\(api)/repos/\(repo.fullName)/dependabot/alerts/\(number)"),
            "html_url": .string("\(web)/\(repo.fullName)/security/dependabot/\(number)"),
            "created_at": Self.date(repo.createdAt), "updated_at": Self.date(repo.updatedAt), "dismissed_at": .null,
            "dismissed_by": .null, "dismissed_reason": .null, "dismissed_comment": .null, "fixed_at": .null,
            "auto_dismissed_at": .null,
        ])
    }

    func protection(_ repo: ServerRepository) -> JSONValue {
        let base = "\(api)/repos/\(repo.fullName)/branches/\(repo.defaultBranch)/protection"
        let rule = repo.effectiveProtectionRule ?? .standard
        var body: [String: JSONValue] = [
            "url": .string(base),
            "enforce_admins": .object(["url": .string(base + "/enforce_admins"), "enabled": .bool(rule.enforceAdmins)]),
            "required_linear_history": .object(["enabled": .bool(true)]),
            "allow_force_pushes": .object(["enabled": .bool(rule.allowsForcePushes)]),
            "allow_deletions": .object(["enabled": .bool(rule.allowsDeletions)]),
            "required_signatures": .object(["url": .string(base + "/required_signatures"), "enabled": .bool(false)]),
        ]
        if let contexts = rule.requiredStatusChecks {
            body["required_status_checks"] = .object([
                "url": .string(base + "/required_status_checks"), "strict": .bool(true),
                "contexts": .array(contexts.map { .string($0) }), "contexts_url": .string(base + "/required_status_checks/contexts"),
                "checks": .array(contexts.map { .object(["context": .string($0), "app_id": .null]) }),
            ])
        }
        if let count = rule.requiredApprovingReviewCount {
            body["required_pull_request_reviews"] = .object([
                "url": .string(base + "/required_pull_request_reviews"), "dismiss_stale_reviews": .bool(true),
                "require_code_owner_reviews": .bool(false), "required_approving_review_count": .int(count),
            ])
        }
        return .object(body)
    }

    func organization(_ login: String, repos: [ServerRepository]) -> JSONValue {
        let base = "\(api)/orgs/\(login)"
        return .object([
            "login": .string(login), "id": .int(1000 + login.count), "node_id": .string("O_\(login)"), "url": .string(base),
            "repos_url": .string(base + "/repos"), "events_url": .string(base + "/events"), "hooks_url": .string(base + "/hooks"),
            "issues_url": .string(base + "/issues"), "members_url": .string(base + "/members{/member}"),
            "public_members_url": .string(base + "/public_members{/member}"), "avatar_url": .string("\(web)/avatars/\(login)"),
            "description": .string("Synthetic organization"), "html_url": .string("\(web)/\(login)"),
            "public_repos": .int(repos.filter { !$0.isPrivate }.count),
            "total_private_repos": .int(repos.filter(\.isPrivate).count),
            "owned_private_repos": .int(repos.filter(\.isPrivate).count),
            "created_at": Self.date(SyntheticData.epoch), "updated_at": Self.date(SyntheticData.epoch), "type": .string("Organization"),
        ])
    }
    /// `GET /users/{username}`: the user (simple-user shape) with its repository counts.
    func user(_ login: String, repos: [ServerRepository]) -> JSONValue {
        guard case .object(var body) = user(login, id: 2000 + Int64(login.count)) else { return .null }
        body["public_repos"] = .int(repos.filter { !$0.isPrivate }.count)
        body["owned_private_repos"] = .int(repos.filter(\.isPrivate).count)
        body["updated_at"] = Self.date(repos.map(\.updatedAt).max() ?? SyntheticData.epoch)
        return .object(body)
    }
}
