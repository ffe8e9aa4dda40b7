import Foundation
import GitHubKit
import InfinityModel

/// GitHub's side of health: the CI rollup of every repository's default-branch head from
/// batched GraphQL queries (100 repositories a query, so 1,000 repositories cost 10 requests),
/// branch protection and open issues/pull requests from REST, one call each per repository
/// (conditional, so unchanged answers cost no primary quota).
public struct GitHubHostSignals: HostHealthSignals {
    public let session: GitHubSession
    let batcher: StatusBatcher

    /// Creates the signals; `knownRepositories` (`owner/name`) are fetched together on the first
    /// CI question — typically every repository in the manifest.
    public init(session: GitHubSession, knownRepositories: @escaping @Sendable () -> [String]) {
        self.session = session
        self.batcher = StatusBatcher(client: session.client, known: knownRepositories)
    }

    public func ciStatus(of repository: HostedRepository) async throws -> HostSignal<CIStatus> {
        let status = try await batcher.status(of: repository.fullName)
        guard status.found else {
            throw CodeHostError("\(repository.fullName) is not visible on GitHub (deleted, renamed or no access)",
                                remedy: "run `infinity discover` to refresh the manifest")
        }
        if let error = status.error {
            throw CodeHostError("GitHub could not report the CI status of \(repository.fullName): \(error.prefix(300))")
        }
        let state: CIStatus.State
        switch status.ciState?.uppercased() {
        case "SUCCESS": state = .success
        case "FAILURE", "ERROR": state = .failure
        case "PENDING", "EXPECTED": state = .pending
        default: state = .none
        }
        let branch = status.defaultBranch ?? repository.defaultBranch ?? "the default branch"
        let detail = status.ciState.map { "\($0.lowercased()) on \(branch)" } ?? ""
        let url = status.headCommit.map { "\(session.webURL(repository.fullName))/commit/\($0)" }
        return .value(CIStatus(state: state, sha: status.headCommit, detail: detail, url: url))
    }

    public func branchProtection(of repository: HostedRepository) async throws -> HostSignal<BranchProtection> {
        let rule: GitHubKit.BranchProtection?
        if let branch = repository.defaultBranch {
            rule = try await session.client.branchProtection(repository.fullName, branch: branch)
        } else {
            rule = try await session.client.defaultBranchProtection(repository.fullName)
        }
        guard let rule else { return .value(BranchProtection(protected: false)) }
        return .value(BranchProtection(
            protected: true,
            requiresReviews: (rule.requiredPullRequestReviews?.requiredApprovingReviewCount ?? 0) > 0
                || rule.requiredPullRequestReviews != nil,
            requiresStatusChecks: rule.requiredStatusChecks != nil,
            allowsForcePushes: rule.allowForcePushes?.enabled ?? false))
    }

    public func openItems(of repository: HostedRepository) async throws -> HostSignal<OpenItems> {
        // One listing holds both: GitHub's issues endpoint includes pull requests (marked).
        let request = GitHubRequest(
            .get, try GitHubPath.repository(repository.fullName) + "/issues", query: [(name: "state", value: "open")],
            operation: "GET /repos/{owner}/{repo}/issues", repository: repository.fullName)
        let items = try await session.client.paginate(request, as: GitHubIssue.self)
        let issues = items.filter { !$0.isPullRequest }
        let pulls = items.filter(\.isPullRequest)
        return .value(OpenItems(openIssues: issues.count, openPullRequests: pulls.count,
                                oldestIssueOpenedAt: issues.map(\.createdAt).min(),
                                oldestPullRequestOpenedAt: pulls.map(\.createdAt).min()))
    }
}

/// Fetches the default-branch statuses of every known repository once, in batches, and answers
/// single questions from that; repositories outside the first batch are fetched on their own.
actor StatusBatcher {
    let client: GitHubClient
    let known: @Sendable () -> [String]
    private var pending: Task<[String: DefaultBranchStatus], any Error>?
    private var statuses: [String: DefaultBranchStatus] = [:]

    init(client: GitHubClient, known: @escaping @Sendable () -> [String]) {
        self.client = client
        self.known = known
    }

    func status(of fullName: String) async throws -> DefaultBranchStatus {
        let key = fullName.lowercased()
        if let hit = statuses[key] { return hit }
        if pending == nil {
            var names = known()
            if !names.contains(where: { $0.lowercased() == key }) { names.append(fullName) }
            let client = self.client
            let list = names
            pending = Task { () async throws -> [String: DefaultBranchStatus] in
                let all = try await client.defaultBranchStatuses(of: list)
                return Dictionary(all.map { ($0.repository.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
            }
        }
        if let pending {
            do {
                let fetched = try await pending.value
                statuses.merge(fetched) { a, _ in a }
            } catch {
                self.pending = nil
                throw error
            }
        }
        if let hit = statuses[key] { return hit }
        let single = try await client.defaultBranchStatuses(of: [fullName])
        guard let first = single.first else {
            throw CodeHostError("GitHub returned no status for \(fullName)")
        }
        statuses[key] = first
        return first
    }
}
