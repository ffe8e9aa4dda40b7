import Foundation

/// A user or organization as GitHub embeds it (`simple-user`).
public struct GitHubAccount: Sendable, Hashable, Codable {
    /// The login.
    public var login: String
    /// The numeric id.
    public var id: Int64
    /// `User`, `Organization` or `Bot`.
    public var type: String?
}

/// A repository (`full-repository` / `minimal-repository`): the fields the orchestrator uses.
public struct GitHubRepository: Sendable, Hashable, Codable {
    /// The numeric id (stable across renames).
    public var id: Int64
    /// The GraphQL node id.
    public var nodeId: String
    /// The name.
    public var name: String
    /// `owner/name`.
    public var fullName: String
    /// The owner.
    public var owner: GitHubAccount
    /// Whether the repository is private.
    public var isPrivate: Bool
    /// The web page.
    public var htmlUrl: String
    /// The description.
    public var description: String?
    /// Whether it is a fork.
    public var fork: Bool
    /// The API URL.
    public var url: String
    /// The HTTPS clone URL.
    public var cloneUrl: String?
    /// The SSH clone URL.
    public var sshUrl: String?
    /// The default branch.
    public var defaultBranch: String?
    /// The primary language.
    public var language: String?
    /// The topics.
    public var topics: [String]?
    /// Whether it is archived (read-only).
    public var archived: Bool?
    /// Whether it is disabled.
    public var disabled: Bool?
    /// `public`, `private` or `internal`.
    public var visibility: String?
    /// The last push.
    public var pushedAt: Date?
    /// Creation time.
    public var createdAt: Date?
    /// Last update of the repository object.
    public var updatedAt: Date?
    /// Size in KiB.
    public var size: Int?

    enum CodingKeys: String, CodingKey {
        case id, nodeId, name, fullName, owner, htmlUrl, description, fork, url, cloneUrl, sshUrl, defaultBranch
        case language, topics, archived, disabled, visibility, pushedAt, createdAt, updatedAt, size
        case isPrivate = "private"
    }
}

/// Branch protection of one branch (the parts health checks look at).
public struct BranchProtection: Sendable, Hashable, Codable {
    /// A flag object (`{"enabled": true}`).
    public struct Flag: Sendable, Hashable, Codable {
        /// Whether the rule is on.
        public var enabled: Bool
    }
    /// Required status checks.
    public struct StatusChecks: Sendable, Hashable, Codable {
        /// Require branches to be up to date.
        public var strict: Bool?
        /// The required contexts.
        public var contexts: [String]?
    }
    /// Required reviews.
    public struct Reviews: Sendable, Hashable, Codable {
        /// Approvals needed.
        public var requiredApprovingReviewCount: Int?
        /// Dismiss stale reviews on push.
        public var dismissStaleReviews: Bool?
        /// Require code-owner review.
        public var requireCodeOwnerReviews: Bool?
    }
    /// Required status checks, if any.
    public var requiredStatusChecks: StatusChecks?
    /// Whether admins are included.
    public var enforceAdmins: Flag?
    /// Required pull-request reviews, if any.
    public var requiredPullRequestReviews: Reviews?
    /// Linear history.
    public var requiredLinearHistory: Flag?
    /// Force pushes allowed.
    public var allowForcePushes: Flag?
    /// Deletions allowed.
    public var allowDeletions: Flag?
    /// Signed commits required.
    public var requiredSignatures: Flag?
}

/// `GET /rate_limit`: every resource's limits.
public struct RateLimitOverview: Sendable, Hashable, Codable {
    /// One resource's numbers.
    public struct Resource: Sendable, Hashable, Codable {
        /// Requests (or points) per window.
        public var limit: Int
        /// Left in this window.
        public var remaining: Int
        /// Reset, epoch seconds.
        public var reset: Int
        /// Used in this window.
        public var used: Int
    }
    /// Per resource: `core`, `search`, `graphql`, `code_scanning_upload`, …
    public var resources: [String: Resource]
    /// The `core` numbers (deprecated alias kept by GitHub).
    public var rate: Resource
}
