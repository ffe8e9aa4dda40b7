import Foundation

/// A pull request (the fields the orchestrator uses).
public struct PullRequest: Sendable, Hashable, Codable {
    /// One side of a pull request.
    public struct Branch: Sendable, Hashable, Codable {
        /// `owner:branch`.
        public var label: String?
        /// The branch.
        public var ref: String
        /// The commit.
        public var sha: String
    }
    /// The id.
    public var id: Int64
    /// The number.
    public var number: Int
    /// `open` or `closed`.
    public var state: String
    /// The title.
    public var title: String
    /// The body.
    public var body: String?
    /// The web page.
    public var htmlUrl: String
    /// The source branch.
    public var head: Branch
    /// The target branch.
    public var base: Branch
    /// Whether it is a draft.
    public var draft: Bool?
    /// Merge time.
    public var mergedAt: Date?
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date
    /// The author.
    public var user: GitHubAccount?
}

/// The fields of a new pull request.
public struct NewPullRequest: Sendable, Hashable, Codable {
    /// The title.
    public var title: String
    /// The source branch (`branch` or `owner:branch`).
    public var head: String
    /// The target branch.
    public var base: String
    /// The body.
    public var body: String?
    /// Open as a draft.
    public var draft: Bool?
    /// Whether maintainers may push to the head branch.
    public var maintainerCanModify: Bool?

    /// Creates the fields.
    public init(
        title: String, head: String, base: String, body: String? = nil, draft: Bool? = nil,
        maintainerCanModify: Bool? = nil
    ) {
        self.title = title
        self.head = head
        self.base = base
        self.body = body
        self.draft = draft
        self.maintainerCanModify = maintainerCanModify
    }
}
