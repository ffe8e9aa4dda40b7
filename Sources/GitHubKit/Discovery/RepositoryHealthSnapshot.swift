import Foundation

/// What one ``DiscoveryQueries/defaultBranchHealth(count:)`` alias told about a repository:
/// CI, branch protection and open items, each with its own error, so that one part GitHub
/// would not answer (for example branch protection the credentials may not read) leaves the
/// other parts usable.
public struct RepositoryHealthSnapshot: Sendable, Hashable, Codable {
    /// `owner/name` as asked.
    public var repository: String
    /// Whether GitHub knows the repository (false: deleted, renamed away, or not visible).
    public var found: Bool
    /// A GraphQL error about the repository as a whole, other than not-found.
    public var error: String?
    /// The default branch; nil for an empty repository.
    public var defaultBranch: String?
    /// Its head commit.
    public var headCommit: String?
    /// `SUCCESS`, `FAILURE`, `PENDING`, `ERROR`, `EXPECTED`, or `nil` without CI.
    public var ciState: String?
    /// A GraphQL error about the default branch or its head, if any.
    public var ciError: String?
    /// Branch protection of the default branch.
    public var protection: BranchProtectionReading
    /// Open issues and pull requests; nil when GitHub did not answer them (see `openItemsError`).
    public var openItems: OpenItemCounts?
    /// Why the open items are missing.
    public var openItemsError: String?
    /// Whether the credentials administer the repository (nil when not answered).
    public var viewerCanAdminister: Bool?

    /// Creates a snapshot.
    public init(
        repository: String, found: Bool, error: String? = nil, defaultBranch: String? = nil, headCommit: String? = nil,
        ciState: String? = nil, ciError: String? = nil, protection: BranchProtectionReading = .noDefaultBranch,
        openItems: OpenItemCounts? = nil, openItemsError: String? = nil, viewerCanAdminister: Bool? = nil
    ) {
        self.repository = repository
        self.found = found
        self.error = error
        self.defaultBranch = defaultBranch
        self.headCommit = headCommit
        self.ciState = ciState
        self.ciError = ciError
        self.protection = protection
        self.openItems = openItems
        self.openItemsError = openItemsError
        self.viewerCanAdminister = viewerCanAdminister
    }

    /// The CI part alone, as ``GitHubClient/defaultBranchStatuses(of:batchSize:)`` reports it.
    public var status: DefaultBranchStatus {
        DefaultBranchStatus(repository: repository, found: found, defaultBranch: defaultBranch, headCommit: headCommit,
                            ciState: ciState, error: error ?? ciError)
    }
}

/// Branch protection of a default branch as the credentials could see it.
public enum BranchProtectionReading: Sendable, Hashable, Codable {
    /// A rule protects the branch.
    case protected(ProtectionRuleSummary)
    /// No rule protects the branch.
    case unprotected
    /// The repository has no default branch (it is empty).
    case noDefaultBranch
    /// GitHub would not show the rule to these credentials; the text says what it answered.
    case unreadable(String)
}

/// The parts of a branch protection rule health looks at.
public struct ProtectionRuleSummary: Sendable, Hashable, Codable {
    /// Who may see the fields the summary came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// `Ref.branchProtectionRule`: administrators of the repository (all fields).
        case branchProtectionRule
        /// `Ref.refUpdateRule`: anyone who can read the repository (no admin enforcement flag;
        /// review requirement only as a count).
        case refUpdateRule
    }

    /// The branch-name pattern of the rule.
    public var pattern: String
    /// Whether pull requests need approving reviews.
    public var requiresApprovingReviews: Bool
    /// How many approvals, when GitHub says.
    public var requiredApprovingReviewCount: Int?
    /// Whether status checks must pass.
    public var requiresStatusChecks: Bool
    /// The required status check contexts.
    public var requiredStatusCheckContexts: [String]
    /// Whether force pushes are allowed.
    public var allowsForcePushes: Bool
    /// Whether the branch may be deleted.
    public var allowsDeletions: Bool
    /// Whether administrators are bound too (nil from `refUpdateRule`).
    public var isAdminEnforced: Bool?
    /// Where the fields came from.
    public var source: Source

    /// Creates a summary.
    public init(
        pattern: String, requiresApprovingReviews: Bool, requiredApprovingReviewCount: Int?, requiresStatusChecks: Bool,
        requiredStatusCheckContexts: [String], allowsForcePushes: Bool, allowsDeletions: Bool, isAdminEnforced: Bool?,
        source: Source
    ) {
        self.pattern = pattern
        self.requiresApprovingReviews = requiresApprovingReviews
        self.requiredApprovingReviewCount = requiredApprovingReviewCount
        self.requiresStatusChecks = requiresStatusChecks
        self.requiredStatusCheckContexts = requiredStatusCheckContexts
        self.allowsForcePushes = allowsForcePushes
        self.allowsDeletions = allowsDeletions
        self.isAdminEnforced = isAdminEnforced
        self.source = source
    }
}

/// Open issues and pull requests of a repository, with the creation date of the oldest of each.
public struct OpenItemCounts: Sendable, Hashable, Codable {
    /// Open issues (pull requests not included).
    public var openIssues: Int
    /// Open pull requests.
    public var openPullRequests: Int
    /// When the oldest open issue was opened.
    public var oldestIssueCreatedAt: Date?
    /// When the oldest open pull request was opened.
    public var oldestPullRequestCreatedAt: Date?

    /// Creates counts.
    public init(openIssues: Int, openPullRequests: Int, oldestIssueCreatedAt: Date?, oldestPullRequestCreatedAt: Date?) {
        self.openIssues = openIssues
        self.openPullRequests = openPullRequests
        self.oldestIssueCreatedAt = oldestIssueCreatedAt
        self.oldestPullRequestCreatedAt = oldestPullRequestCreatedAt
    }
}

/// What ``GitHubClient/defaultBranchHealth(of:batchSize:)`` returned and what it cost.
public struct HealthBatchOutcome: Sendable {
    /// One snapshot per repository asked, in the order asked.
    public var snapshots: [RepositoryHealthSnapshot]
    /// GraphQL requests sent (including batches split after server errors).
    public var requests: Int
    /// GraphQL points GitHub reported (`rateLimit.cost`).
    public var quotaPoints: Int
}
