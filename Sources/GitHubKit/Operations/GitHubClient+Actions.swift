import Foundation

extension GitHubClient {
    /// Workflow runs, newest first, optionally for one branch and status; at most `limit` runs.
    public func workflowRuns(_ fullName: String, branch: String? = nil, status: String? = nil, limit: Int = 100)
        async throws -> [WorkflowRun]
    {
        var query: [(name: String, value: String)] = []
        if let branch { query.append((name: "branch", value: branch)) }
        if let status { query.append((name: "status", value: status)) }
        query.append((name: "per_page", value: String(min(100, max(1, limit)))))
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/actions/runs", query: query,
            operation: "GET /repos/{owner}/{repo}/actions/runs", repository: fullName)
        var runs: [WorkflowRun] = []
        try await forEachPage(request, page: WorkflowRunList.self) { page in
            runs.append(contentsOf: page.workflowRuns)
            return runs.count < limit
        }
        return Array(runs.prefix(limit))
    }

    /// The jobs of a run (latest attempt).
    public func workflowJobs(_ fullName: String, runID: Int64) async throws -> [WorkflowJob] {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/actions/runs/\(runID)/jobs",
            query: [(name: "filter", value: "latest")],
            operation: "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs", repository: fullName)
        return try await paginate(request, page: WorkflowJobList.self) { $0.jobs }
    }

    /// A job's log text. GitHub answers 302 to a log host; the client follows it without sending
    /// the `Authorization` header there.
    public func jobLogs(_ fullName: String, jobID: Int64) async throws -> Data {
        var request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/actions/jobs/\(jobID)/logs",
            operation: "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs", repository: fullName)
        request.useCache = false
        return try await send(request).body
    }

    /// Re-runs the failed jobs of a run.
    public func rerunFailedJobs(_ fullName: String, runID: Int64) async throws {
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/actions/runs/\(runID)/rerun-failed-jobs",
            body: Data("{}".utf8), operation: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
            repository: fullName)
        _ = try await send(request)
    }
}
