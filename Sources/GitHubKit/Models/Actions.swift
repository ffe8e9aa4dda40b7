import Foundation

/// One GitHub Actions workflow run.
public struct WorkflowRun: Sendable, Hashable, Codable {
    /// The id.
    public var id: Int64
    /// The workflow's name.
    public var name: String?
    /// The branch.
    public var headBranch: String?
    /// The commit.
    public var headSha: String
    /// The workflow file path.
    public var path: String?
    /// The run number.
    public var runNumber: Int
    /// The attempt.
    public var runAttempt: Int?
    /// The triggering event.
    public var event: String
    /// `queued`, `in_progress`, `completed`, …
    public var status: String?
    /// `success`, `failure`, …
    public var conclusion: String?
    /// The workflow id.
    public var workflowId: Int64
    /// The web page.
    public var htmlUrl: String
    /// Creation time.
    public var createdAt: Date
    /// Update time.
    public var updatedAt: Date
    /// Start time of the latest attempt.
    public var runStartedAt: Date?
    /// The title shown in the UI.
    public var displayTitle: String?
}

/// A page of workflow runs.
public struct WorkflowRunList: Sendable, Hashable, Codable {
    /// Total across pages.
    public var totalCount: Int
    /// This page.
    public var workflowRuns: [WorkflowRun]
}

/// One job of a workflow run.
public struct WorkflowJob: Sendable, Hashable, Codable {
    /// One step of a job.
    public struct Step: Sendable, Hashable, Codable {
        /// The name.
        public var name: String
        /// `queued`, `in_progress` or `completed`.
        public var status: String
        /// The conclusion.
        public var conclusion: String?
        /// The number.
        public var number: Int
        /// Start time.
        public var startedAt: Date?
        /// End time.
        public var completedAt: Date?
    }
    /// The id.
    public var id: Int64
    /// The run.
    public var runId: Int64
    /// The attempt.
    public var runAttempt: Int?
    /// The commit.
    public var headSha: String
    /// The name.
    public var name: String
    /// The status.
    public var status: String
    /// The conclusion.
    public var conclusion: String?
    /// Start time.
    public var startedAt: Date?
    /// End time.
    public var completedAt: Date?
    /// The web page.
    public var htmlUrl: String?
    /// The steps.
    public var steps: [Step]?
    /// Runner labels.
    public var labels: [String]
    /// The runner.
    public var runnerName: String?
    /// The workflow.
    public var workflowName: String?
    /// The branch.
    public var headBranch: String?
}

/// A page of jobs.
public struct WorkflowJobList: Sendable, Hashable, Codable {
    /// Total across pages.
    public var totalCount: Int
    /// This page.
    public var jobs: [WorkflowJob]
}
