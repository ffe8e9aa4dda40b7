import Foundation
import GitHubKit
import InfinityModel

/// GitHub's side of health, answered from batched GraphQL queries
/// (``DiscoveryQueries/defaultBranchHealth(count:)``, 100 repositories a query): the CI rollup
/// of the default-branch head, the default branch's protection rule, and the open issues and
/// pull requests with the oldest of each. The first question fetches every repository the
/// manifest names, so a pass over 1,000 repositories costs 10 GraphQL requests (2 points each)
/// and no REST call; a repository outside the manifest costs one query of its own.
///
/// One repository GitHub cannot answer for never fails the others: a deleted or invisible
/// repository, or a part the credentials may not read, becomes that repository's answer.
public struct GitHubHostSignals: HostHealthSignals {
    public let session: GitHubSession
    let batcher: GitHubHealthBatcher

    /// Creates the signals; `knownRepositories` (`owner/name`) are fetched together on the first
    /// question — typically every repository in the manifest.
    public init(session: GitHubSession, knownRepositories: @escaping @Sendable () -> [String]) {
        self.session = session
        self.batcher = GitHubHealthBatcher(client: session.client, known: knownRepositories)
    }

    /// GraphQL requests and points these signals have spent.
    public func cost() async -> (requests: Int, quotaPoints: Int) {
        (await batcher.requests, await batcher.quotaPoints)
    }

    public func ciStatus(of repository: HostedRepository) async throws -> HostSignal<CIStatus> {
        let snapshot = try await found(repository)
        if let error = snapshot.ciError {
            throw CodeHostError("GitHub could not report the CI status of \(repository.fullName): \(error)")
        }
        let state: CIStatus.State
        switch snapshot.ciState?.uppercased() {
        case "SUCCESS": state = .success
        case "FAILURE", "ERROR": state = .failure
        case "PENDING", "EXPECTED": state = .pending
        default: state = .none
        }
        let branch = snapshot.defaultBranch ?? repository.defaultBranch ?? "the default branch"
        let detail = snapshot.ciState.map { "\($0.lowercased()) on \(branch)" } ?? ""
        let url = snapshot.headCommit.map { "\(session.webURL(repository.fullName))/commit/\($0)" }
        return .value(CIStatus(state: state, sha: snapshot.headCommit, detail: detail, url: url))
    }

    public func branchProtection(of repository: HostedRepository) async throws -> HostSignal<BranchProtection> {
        let snapshot = try await found(repository)
        switch snapshot.protection {
        case .protected(let rule):
            return .value(BranchProtection(
                protected: true,
                requiresReviews: rule.requiresApprovingReviews || (rule.requiredApprovingReviewCount ?? 0) > 0,
                requiresStatusChecks: rule.requiresStatusChecks, allowsForcePushes: rule.allowsForcePushes))
        case .unprotected:
            return .value(BranchProtection(protected: false))
        case .noDefaultBranch:
            return .notApplicable("\(repository.fullName) has no default branch yet (an empty repository)")
        case .unreadable(let answer):
            return .notApplicable(
                "these credentials cannot read the branch protection of \(repository.fullName) (GitHub answered \(answer)); "
                    + "a token with admin rights on the repository, or a GitHub App with the Administration (read) permission, can")
        }
    }

    public func openItems(of repository: HostedRepository) async throws -> HostSignal<OpenItems> {
        let snapshot = try await found(repository)
        guard let items = snapshot.openItems else {
            let answer = snapshot.openItemsError ?? "no answer"
            if answer.hasPrefix("FORBIDDEN") {
                return .notApplicable(
                    "these credentials cannot read the issues and pull requests of \(repository.fullName) (GitHub answered \(answer)); "
                        + "give the token (or App) read access to issues and pull requests")
            }
            throw CodeHostError("GitHub could not report the open issues and pull requests of \(repository.fullName): \(answer)")
        }
        return .value(OpenItems(openIssues: items.openIssues, openPullRequests: items.openPullRequests,
                                oldestIssueOpenedAt: items.oldestIssueCreatedAt,
                                oldestPullRequestOpenedAt: items.oldestPullRequestCreatedAt))
    }

    /// The repository's snapshot; throws when GitHub does not know it or failed on it as a whole.
    func found(_ repository: HostedRepository) async throws -> RepositoryHealthSnapshot {
        let snapshot = try await batcher.snapshot(of: repository.fullName)
        if !snapshot.found, let error = snapshot.error {
            throw CodeHostError("GitHub could not answer for \(repository.fullName): \(error)")
        }
        guard snapshot.found else {
            throw CodeHostError("\(repository.fullName) is not visible on GitHub (deleted, renamed or no access)",
                                remedy: "run `infinity discover` to refresh the manifest")
        }
        return snapshot
    }
}
