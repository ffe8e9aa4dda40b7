import Foundation

extension GitHubClient {
    /// Lists an organization's repositories (REST; discovery normally uses GraphQL).
    public func listOrganizationRepositories(organization: String, type: String = "all") async throws
        -> [GitHubRepository]
    {
        let request = GitHubRequest(
            .get, "/orgs/\(GitHubPath.segment(organization))/repos",
            query: [(name: "type", value: type), (name: "sort", value: "full_name")],
            operation: "GET /orgs/{org}/repos")
        return try await paginate(request, as: GitHubRepository.self)
    }

    /// Lists a user's public repositories (REST fallback for user accounts).
    public func listUserRepositories(user: String) async throws -> [GitHubRepository] {
        let request = GitHubRequest(
            .get, "/users/\(GitHubPath.segment(user))/repos", query: [(name: "sort", value: "full_name")],
            operation: "GET /users/{username}/repos")
        return try await paginate(request, as: GitHubRepository.self)
    }

    /// Lists the repositories the authenticated user can access.
    public func listAuthenticatedUserRepositories(affiliation: String = "owner,collaborator,organization_member")
        async throws -> [GitHubRepository]
    {
        let request = GitHubRequest(
            .get, "/user/repos", query: [(name: "affiliation", value: affiliation), (name: "sort", value: "full_name")],
            operation: "GET /user/repos")
        return try await paginate(request, as: GitHubRepository.self)
    }

    /// Gets a repository, following a 301 when it was renamed or transferred (compare
    /// ``GitHubRepository/fullName`` with the name asked for to notice).
    public func repository(_ fullName: String) async throws -> GitHubRepository {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName), operation: "GET /repos/{owner}/{repo}", repository: fullName)
        return try await send(request, as: GitHubRepository.self)
    }

    /// Bytes of code per language.
    public func languages(_ fullName: String) async throws -> [String: Int] {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/languages",
            operation: "GET /repos/{owner}/{repo}/languages", repository: fullName)
        return try await send(request, as: [String: Int].self)
    }

    /// Protection of `branch`, or `nil` when the branch is not protected.
    public func branchProtection(_ fullName: String, branch: String) async throws -> BranchProtection? {
        let request = GitHubRequest(
            .get, try GitHubPath.repository(fullName) + "/branches/\(GitHubPath.segment(branch))/protection",
            operation: "GET /repos/{owner}/{repo}/branches/{branch}/protection", repository: fullName)
        do {
            return try await send(request, as: BranchProtection.self)
        } catch let error as GitHubError where error.code == .notFound && error.message.contains("not protected") {
            return nil
        }
    }

    /// Protection of the repository's default branch, or `nil` when it is not protected.
    public func defaultBranchProtection(_ fullName: String) async throws -> BranchProtection? {
        let repository = try await repository(fullName)
        guard let branch = repository.defaultBranch else { return nil }
        return try await branchProtection(repository.fullName, branch: branch)
    }

    /// `GET /rate_limit` (free: does not count against the primary limit).
    public func rateLimit() async throws -> RateLimitOverview {
        var request = GitHubRequest(.get, "/rate_limit", operation: "GET /rate_limit")
        request.useCache = false
        return try await send(request, as: RateLimitOverview.self)
    }
}
