import Foundation

/// A label as issues carry it (GitHub sends either a name string or an object).
public struct IssueLabel: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// The colour, hex without `#`.
    public var color: String?
    /// The description.
    public var description: String?

    /// Creates a label.
    public init(name: String, color: String? = nil, description: String? = nil) {
        self.name = name
        self.color = color
        self.description = description
    }

    enum CodingKeys: String, CodingKey { case name, color, description }

    /// Decodes `"bug"` or `{"name": "bug", …}`.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(name: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decodeIfPresent(String.self, forKey: .name) ?? "",
            color: try container.decodeIfPresent(String.self, forKey: .color),
            description: try container.decodeIfPresent(String.self, forKey: .description))
    }
}

/// An issue (or a pull request seen through the issues API).
public struct GitHubIssue: Sendable, Hashable, Codable {
    /// Present when the issue is a pull request.
    public struct PullRequestLink: Sendable, Hashable, Codable {
        /// The pull request's web page.
        public var htmlUrl: String?
        /// Merge time.
        public var mergedAt: Date?
    }
    /// The id.
    public var id: Int64
    /// The GraphQL node id.
    public var nodeId: String
    /// The number.
    public var number: Int
    /// The title.
    public var title: String
    /// The body.
    public var body: String?
    /// `open` or `closed`.
    public var state: String
    /// `completed`, `not_planned`, `reopened`, `duplicate`.
    public var stateReason: String?
    /// The web page.
    public var htmlUrl: String
    /// The author.
    public var user: GitHubAccount?
    /// The labels.
    public var labels: [IssueLabel]
    /// The assignees.
    public var assignees: [GitHubAccount]?
    /// Comment count.
    public var comments: Int
    /// Whether it is locked.
    public var locked: Bool?
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date
    /// Close time.
    public var closedAt: Date?
    /// Set for pull requests.
    public var pullRequest: PullRequestLink?

    /// Whether this is a pull request rather than an issue.
    public var isPullRequest: Bool { pullRequest != nil }
}

/// An issue comment.
public struct IssueComment: Sendable, Hashable, Codable {
    /// The id.
    public var id: Int64
    /// The GraphQL node id.
    public var nodeId: String
    /// The body.
    public var body: String?
    /// The web page.
    public var htmlUrl: String
    /// The author.
    public var user: GitHubAccount?
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date
}

/// A page of `GET /search/issues`.
public struct IssueSearchPage: Sendable, Hashable, Codable {
    /// Matches across pages.
    public var totalCount: Int
    /// Whether GitHub stopped searching early.
    public var incompleteResults: Bool
    /// This page.
    public var items: [GitHubIssue]
}

/// The fields of a new issue.
public struct NewIssue: Sendable, Hashable, Codable {
    /// The title.
    public var title: String
    /// The body (markdown).
    public var body: String?
    /// Label names.
    public var labels: [String]?
    /// Assignee logins.
    public var assignees: [String]?

    /// Creates the fields.
    public init(title: String, body: String? = nil, labels: [String]? = nil, assignees: [String]? = nil) {
        self.title = title
        self.body = body
        self.labels = labels
        self.assignees = assignees
    }
}

/// Changes to an issue; `nil` fields are left as they are.
public struct IssueUpdate: Sendable, Hashable, Codable {
    /// New title.
    public var title: String?
    /// New body.
    public var body: String?
    /// `open` or `closed`.
    public var state: String?
    /// `completed`, `not_planned`, `duplicate` or `reopened`.
    public var stateReason: String?
    /// The complete new label set.
    public var labels: [String]?

    /// Creates the changes.
    public init(
        title: String? = nil, body: String? = nil, state: String? = nil, stateReason: String? = nil,
        labels: [String]? = nil
    ) {
        self.title = title
        self.body = body
        self.state = state
        self.stateReason = stateReason
        self.labels = labels
    }
}
