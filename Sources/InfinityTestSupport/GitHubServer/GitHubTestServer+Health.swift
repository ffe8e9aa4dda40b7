import Foundation
import NIOConcurrencyHelpers

/// A branch protection rule of the test server (classic branch protection).
public struct GitHubTestProtectionRule: Sendable, Hashable {
    /// Approvals a pull request needs; nil: pull-request reviews are not required.
    public var requiredApprovingReviewCount: Int?
    /// Status check contexts that must pass; nil: status checks are not required.
    public var requiredStatusChecks: [String]?
    /// Whether force pushes are allowed.
    public var allowsForcePushes: Bool
    /// Whether the branch may be deleted.
    public var allowsDeletions: Bool
    /// Whether administrators are bound too.
    public var enforceAdmins: Bool

    /// Creates a rule.
    public init(requiredApprovingReviewCount: Int? = 1, requiredStatusChecks: [String]? = ["ci/infinity"],
                allowsForcePushes: Bool = false, allowsDeletions: Bool = false, enforceAdmins: Bool = false) {
        self.requiredApprovingReviewCount = requiredApprovingReviewCount
        self.requiredStatusChecks = requiredStatusChecks
        self.allowsForcePushes = allowsForcePushes
        self.allowsDeletions = allowsDeletions
        self.enforceAdmins = enforceAdmins
    }

    /// The rule of every synthetic repository that is protected: one approval, `ci/infinity`
    /// required, no force pushes.
    public static let standard = GitHubTestProtectionRule()
}

/// What the test server's credentials may see of one repository.
public enum GitHubTestViewerAccess: Sendable, Hashable {
    /// An administrator: everything (REST branch protection, GraphQL `branchProtectionRule`).
    case admin
    /// Push access without admin rights: REST branch protection answers 403, GraphQL
    /// `branchProtectionRule` is null and `refUpdateRule` shows the rule.
    case write
    /// Credentials that may not read branch protection at all: REST 403 and GraphQL
    /// `FORBIDDEN` errors on both `branchProtectionRule` and `refUpdateRule`.
    case withoutAdministration
    /// Credentials that may not read issues and pull requests: GraphQL answers `FORBIDDEN` on
    /// `issues` and `pullRequests` (non-null fields, so the whole repository alias is null).
    case withoutIssues
}

extension GitHubTestServer {
    /// Protects the default branch of `fullName` with `rule`, or removes its protection (nil).
    public func setBranchProtection(_ fullName: String, _ rule: GitHubTestProtectionRule?) {
        core.state.withLockedValue { state in
            state.repositories[fullName.lowercased()]?.protected = rule != nil
            state.repositories[fullName.lowercased()]?.protectionRule = rule
        }
    }

    /// Sets what the server's credentials may see of `fullName`.
    public func setViewerAccess(_ fullName: String, _ access: GitHubTestViewerAccess) {
        core.state.withLockedValue { $0.repositories[fullName.lowercased()]?.viewerAccess = access }
    }

    /// Adds an issue (or, with `pullRequest`, a pull request from a branch at the default
    /// branch's head) opened at `createdAt`; returns its number, nil for an unknown repository.
    @discardableResult
    public func addItem(in fullName: String, title: String, createdAt: Date, pullRequest: Bool = false, open: Bool = true) -> Int? {
        core.state.withLockedValue { state in
            let key = fullName.lowercased()
            guard let repo = state.repositories[key] else { return nil }
            let number = repo.nextNumber
            let id = state.nextIdentifier()
            let status = open ? "open" : "closed"
            state.repositories[key]?.issues[number] = ServerIssue(
                id: id, number: number, title: title, body: nil, state: status, stateReason: open ? nil : "completed",
                labels: [], author: "someone", createdAt: createdAt, updatedAt: createdAt, closedAt: open ? nil : createdAt,
                comments: 0)
            if pullRequest, let head = repo.headSHA {
                state.repositories[key]?.refs["refs/heads/topic-\(number)"] = head
                state.repositories[key]?.pulls[number] = ServerPull(
                    id: id, number: number, title: title, body: nil, state: status, headRef: "topic-\(number)", headSHA: head,
                    baseRef: repo.defaultBranch, baseSHA: head, draft: false, createdAt: createdAt, updatedAt: createdAt)
            }
            state.repositories[key]?.nextNumber += 1
            return number
        }
    }
}

extension ServerRepository {
    /// The default branch's protection rule, nil when unprotected.
    var effectiveProtectionRule: GitHubTestProtectionRule? { protected ? (protectionRule ?? .standard) : nil }
}
