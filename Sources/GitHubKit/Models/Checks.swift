import Foundation

/// `GET /repos/{owner}/{repo}/commits/{ref}/status`.
public struct CombinedStatus: Sendable, Hashable, Codable {
    /// One commit status.
    public struct Status: Sendable, Hashable, Codable {
        /// The id.
        public var id: Int64
        /// `error`, `failure`, `pending` or `success`.
        public var state: String
        /// The context, e.g. `ci/jenkins`.
        public var context: String
        /// The description.
        public var description: String?
        /// The link to details.
        public var targetUrl: String?
        /// Creation time.
        public var createdAt: Date
        /// Update time.
        public var updatedAt: Date
    }
    /// `failure`, `pending` or `success` over all statuses.
    public var state: String
    /// The statuses.
    public var statuses: [Status]
    /// The commit.
    public var sha: String
    /// Number of statuses.
    public var totalCount: Int
}

/// One check run (`GET …/commits/{ref}/check-runs`).
public struct CheckRun: Sendable, Hashable, Codable {
    /// The app that created a check run.
    public struct App: Sendable, Hashable, Codable {
        /// The slug.
        public var slug: String?
        /// The name.
        public var name: String?
    }
    /// The id.
    public var id: Int64
    /// The commit.
    public var headSha: String
    /// The name.
    public var name: String
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested` or `pending`.
    public var status: String
    /// `success`, `failure`, `neutral`, `cancelled`, `skipped`, `timed_out`, `action_required`.
    public var conclusion: String?
    /// Start time.
    public var startedAt: Date?
    /// End time.
    public var completedAt: Date?
    /// The web page.
    public var htmlUrl: String?
    /// The details link.
    public var detailsUrl: String?
    /// The app.
    public var app: App?
}

/// A page of check runs.
public struct CheckRunList: Sendable, Hashable, Codable {
    /// Total across pages.
    public var totalCount: Int
    /// This page.
    public var checkRuns: [CheckRun]
}

/// Combined status and check runs of a ref, with an overall verdict.
public struct RefCIStatus: Sendable, Hashable {
    /// The overall CI verdict.
    public enum Overall: String, Sendable, Hashable, Codable {
        case success, failure, pending, none
    }
    /// The commit statuses.
    public var combined: CombinedStatus
    /// The check runs.
    public var checkRuns: [CheckRun]

    /// `failure` if anything failed, `pending` if anything runs, `success` if something passed, else `none`.
    public var overall: Overall {
        let failing: Set<String> = ["failure", "timed_out", "cancelled", "action_required", "startup_failure"]
        let statusFailed = combined.statuses.contains { $0.state == "failure" || $0.state == "error" }
        if statusFailed || checkRuns.contains(where: { failing.contains($0.conclusion ?? "") }) { return .failure }
        if combined.statuses.contains(where: { $0.state == "pending" })
            || checkRuns.contains(where: { $0.status != "completed" })
        {
            return .pending
        }
        if combined.totalCount > 0 || !checkRuns.isEmpty { return .success }
        return .none
    }
}
