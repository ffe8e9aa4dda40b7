import Foundation

extension GitHubClient {
    /// Searches issues and pull requests (`GET /search/issues`, search rate limit), e.g.
    /// `repo:acme/api is:issue is:open label:infinity`. At most `limit` results.
    public func searchIssues(query: String, limit: Int = 1000) async throws -> [GitHubIssue] {
        let request = GitHubRequest(
            .get, "/search/issues", query: [(name: "q", value: query)], operation: "GET /search/issues")
        var found: [GitHubIssue] = []
        try await forEachPage(request, page: IssueSearchPage.self) { page in
            found.append(contentsOf: page.items)
            return found.count < limit
        }
        return Array(found.prefix(limit))
    }

    /// Lists issues (pull requests excluded) with all of `labels`, in `state` (`open`, `closed`, `all`).
    public func listIssues(_ fullName: String, labels: [String] = [], state: String = "open") async throws -> [GitHubIssue] {
        var query: [(name: String, value: String)] = [(name: "state", value: state)]
        if !labels.isEmpty { query.append((name: "labels", value: labels.joined(separator: ","))) }
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/issues", query: query,
            operation: "GET /repos/{owner}/{repo}/issues", repository: fullName)
        return try await paginate(request, as: GitHubIssue.self).filter { !$0.isPullRequest }
    }

    /// Opens an issue. Not retried after a timeout, so it is never created twice.
    public func createIssue(_ fullName: String, _ issue: NewIssue) async throws -> GitHubIssue {
        var request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/issues", body: try Self.encodeJSON(issue),
            operation: "POST /repos/{owner}/{repo}/issues", repository: fullName)
        request.retryOnTimeout = false
        return try await send(request, as: GitHubIssue.self)
    }

    /// Changes an issue's title, body, state or labels.
    public func updateIssue(_ fullName: String, number: Int, _ update: IssueUpdate) async throws -> GitHubIssue {
        let request = GitHubRequest(
            .patch, try GitHubPath.repository(fullName) + "/issues/\(number)", body: try Self.encodeJSON(update),
            operation: "PATCH /repos/{owner}/{repo}/issues/{issue_number}", repository: fullName)
        return try await send(request, as: GitHubIssue.self)
    }

    /// Closes an issue with a reason (`completed` or `not_planned`).
    public func closeIssue(_ fullName: String, number: Int, reason: String = "completed") async throws -> GitHubIssue {
        try await updateIssue(fullName, number: number, IssueUpdate(state: "closed", stateReason: reason))
    }

    /// Adds a comment. Not retried after a timeout, so it is never posted twice.
    public func commentOnIssue(_ fullName: String, number: Int, body: String) async throws -> IssueComment {
        struct Body: Encodable { var body: String }
        var request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/issues/\(number)/comments",
            body: try Self.encodeJSON(Body(body: body)),
            operation: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", repository: fullName)
        request.retryOnTimeout = false
        return try await send(request, as: IssueComment.self)
    }
}

extension GitHubClient {
    /// Opens a pull request (a duplicate is refused by GitHub with 422, so retries are safe).
    public func createPullRequest(_ fullName: String, _ pull: NewPullRequest) async throws -> PullRequest {
        let request = GitHubRequest(
            .post, try GitHubPath.repository(fullName) + "/pulls", body: try Self.encodeJSON(pull),
            operation: "POST /repos/{owner}/{repo}/pulls", repository: fullName)
        return try await send(request, as: PullRequest.self)
    }

    /// Pull requests whose head is `head` (`owner:branch`), in `state`.
    public func pullRequests(_ fullName: String, head: String? = nil, state: String = "open") async throws
        -> [PullRequest]
    {
        var query: [(name: String, value: String)] = [(name: "state", value: state)]
        if let head { query.append((name: "head", value: head)) }
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/pulls", query: query,
            operation: "GET /repos/{owner}/{repo}/pulls", repository: fullName)
        return try await paginate(request, as: PullRequest.self)
    }
}
