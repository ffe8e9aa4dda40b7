import Foundation

extension GitHubClient {
    /// The combined commit status of `ref` (first 100 statuses).
    public func combinedStatus(_ fullName: String, ref: String) async throws -> CombinedStatus {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/commits/\(GitHubPath.segment(ref))/status",
            query: [(name: "per_page", value: "100")], operation: "GET /repos/{owner}/{repo}/commits/{ref}/status",
            repository: fullName)
        return try await send(request, as: CombinedStatus.self)
    }

    /// Every check run of `ref`.
    public func checkRuns(_ fullName: String, ref: String) async throws -> [CheckRun] {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/commits/\(GitHubPath.segment(ref))/check-runs",
            operation: "GET /repos/{owner}/{repo}/commits/{ref}/check-runs", repository: fullName)
        return try await paginate(request, page: CheckRunList.self) { $0.checkRuns }
    }

    /// Combined status plus check runs of `ref`, with an overall verdict.
    public func ciStatus(_ fullName: String, ref: String) async throws -> RefCIStatus {
        async let combined = combinedStatus(fullName, ref: ref)
        async let runs = checkRuns(fullName, ref: ref)
        return RefCIStatus(combined: try await combined, checkRuns: try await runs)
    }
}
