import Foundation
import InfinityModel

/// One check the health monitor knows: its id (also the key under `health.checks`), what it
/// looks at, its default weight, and whether a failure alone makes a repository unhealthy.
public struct HealthCheckDefinition: Sendable, Hashable {
    /// Where the check's evidence comes from.
    public enum Source: String, Sendable, Hashable {
        /// Files of the head commit (cached per head SHA).
        case content
        /// The store and the manifest: builds, findings, commit dates.
        case operational
        /// The code host's API (CI status, branch protection, issues).
        case host
    }

    public var id: String
    public var title: String
    public var source: Source
    public var defaultWeight: Double
    /// A failure makes the repository unhealthy whatever its score (`health.checks.<id>.critical` overrides).
    public var critical: Bool
    /// What the check wants, in one line (for `--list-checks`).
    public var summary: String
}

/// Every check, in the order reports show them.
public enum HealthCheckCatalog {
    public static let all: [HealthCheckDefinition] = [
        .init(id: "build", title: "Last build", source: .operational, defaultWeight: 20, critical: true,
              summary: "the newest build of the repository succeeded"),
        .init(id: "build-age", title: "Last successful build", source: .operational, defaultWeight: 5, critical: false,
              summary: "a build succeeded within health.build_stale_after_days"),
        .init(id: "ci-status", title: "CI status", source: .host, defaultWeight: 10, critical: false,
              summary: "the code host's CI is green on the default branch's head"),
        .init(id: "activity", title: "Activity", source: .operational, defaultWeight: 10, critical: false,
              summary: "a commit within health.stale_after_days"),
        .init(id: "archived", title: "Not archived", source: .operational, defaultWeight: 5, critical: false,
              summary: "the repository is not archived"),
        .init(id: "readme", title: "README", source: .content, defaultWeight: 3, critical: false,
              summary: "a README at the root, in .github/ or docs/"),
        .init(id: "license", title: "LICENSE", source: .content, defaultWeight: 5, critical: false,
              summary: "a LICENSE (or COPYING) file"),
        .init(id: "security-policy", title: "SECURITY.md", source: .content, defaultWeight: 3, critical: false,
              summary: "a security policy telling how to report vulnerabilities"),
        .init(id: "codeowners", title: "CODEOWNERS", source: .content, defaultWeight: 2, critical: false,
              summary: "a CODEOWNERS file naming who reviews what"),
        .init(id: "gitignore", title: ".gitignore", source: .content, defaultWeight: 1, critical: false,
              summary: "a .gitignore at the root"),
        .init(id: "dependency-updates", title: "Dependency update tool", source: .content, defaultWeight: 5, critical: false,
              summary: "Dependabot or Renovate is configured"),
        .init(id: "ci-workflows", title: "CI workflows", source: .content, defaultWeight: 5, critical: false,
              summary: "a CI configuration (GitHub Actions workflows or another CI's file)"),
        .init(id: "workflow-permissions", title: "Workflow token permissions", source: .content, defaultWeight: 5, critical: false,
              summary: "every workflow declares `permissions:` and none grants write-all"),
        .init(id: "dangerous-workflows", title: "Dangerous workflow patterns", source: .content, defaultWeight: 10, critical: false,
              summary: "no pull_request_target checkout of the PR head, no ${{ github.event.* }} inside run:"),
        .init(id: "pinned-actions", title: "Actions pinned to a commit", source: .content, defaultWeight: 5, critical: false,
              summary: "third-party actions referenced by a full 40-character commit SHA"),
        .init(id: "binary-artifacts", title: "No binary artifacts", source: .content, defaultWeight: 5, critical: false,
              summary: "no executables, libraries, jars or object files committed"),
        .init(id: "secrets", title: "Open secret findings", source: .operational, defaultWeight: 15, critical: true,
              summary: "the latest secret scan found nothing open"),
        .init(id: "vulnerabilities", title: "Vulnerable dependencies", source: .operational, defaultWeight: 10, critical: false,
              summary: "the latest dependency scan found no open advisories"),
        .init(id: "branch-protection", title: "Branch protection", source: .host, defaultWeight: 5, critical: false,
              summary: "the default branch is protected (reviews or status checks required, no force pushes)"),
        .init(id: "open-items", title: "Open issues and PRs", source: .host, defaultWeight: 3, critical: false,
              summary: "no issue or pull request open longer than health.open_item_stale_after_days"),
    ]

    /// The definition with `id`.
    public static func definition(_ id: String) -> HealthCheckDefinition? { all.first { $0.id == id } }

    /// Every check id.
    public static var ids: [String] { all.map(\.id) }

    /// Warnings for `health.checks` keys that name no check, with the nearest id.
    public static func unknownIDs(in settings: HealthSettings) -> [Diagnostic] {
        settings.checks.keys.sorted().filter { definition($0) == nil }.map { id in
            let near = EditDistance.nearest(to: id, in: ids)
            return Diagnostic(.warning, location: "health.checks.\(id)", "no health check is called `\(id)`; the setting is ignored",
                              remedy: near.map { "did you mean `\($0)`?" } ?? "known checks: \(ids.joined(separator: ", "))")
        }
    }
}
