import InfinityJSON
import Foundation
import Logging

extension GitHubClient {
    /// CI status, branch protection and open issues/pull requests of many repositories
    /// (`owner/name`), 100 per GraphQL query by alias (``DiscoveryQueries/defaultBranchHealth(count:)``),
    /// a few queries in parallel: 1,000 repositories cost 10 requests and 20 points.
    ///
    /// A repository GitHub does not know comes back with `found == false`; an error about one
    /// part of one repository (say, branch protection the credentials may not read) stays in
    /// that repository's snapshot. A batch that fails with a server error or timeout after the
    /// client's retries (GitHub stops queries that run past 10 s) is split in halves and asked
    /// again, down to 10 repositories a query.
    public func defaultBranchHealth(of repositories: [String], batchSize: Int = DiscoveryQueries.healthBatchLimit)
        async throws -> HealthBatchOutcome
    {
        let budget = WaitBudget(configuration.maxTotalWait)
        let results = try await inBatches(repositories, size: min(DiscoveryQueries.healthBatchLimit, max(1, batchSize))) { batch in
            try await self.healthBatchSplittingOnTimeout(batch, budget: budget)
        }
        let outcome = HealthBatchOutcome(
            snapshots: results.flatMap(\.snapshots), requests: results.map(\.requests).reduce(0, +),
            quotaPoints: results.map(\.quotaPoints).reduce(0, +))
        pipeline.logger.debug(
            "github health signals fetched",
            metadata: ["repo.count": "\(repositories.count)", "graphql.requests": "\(outcome.requests)",
                       "graphql.points": "\(outcome.quotaPoints)"])
        return outcome
    }

    private func healthBatchSplittingOnTimeout(_ batch: [String], budget: WaitBudget) async throws -> HealthBatchOutcome {
        do {
            return try await healthBatch(batch, budget: budget)
        } catch let error as GitHubError where (error.code == .serverError || error.code == .timeout) && batch.count > 10 {
            let half = batch.count / 2
            pipeline.logger.info(
                "github health query failed; asking again in two halves",
                metadata: ["repo.count": "\(batch.count)", "error.code": "\(error.code)"])
            let first = try await healthBatchSplittingOnTimeout(Array(batch[..<half]), budget: budget)
            let second = try await healthBatchSplittingOnTimeout(Array(batch[half...]), budget: budget)
            return HealthBatchOutcome(
                snapshots: first.snapshots + second.snapshots, requests: 1 + first.requests + second.requests,
                quotaPoints: first.quotaPoints + second.quotaPoints)
        }
    }

    private func healthBatch(_ batch: [String], budget: WaitBudget) async throws -> HealthBatchOutcome {
        let variables = try Self.aliasedRepositoryVariables(batch)
        let response: GraphQLResponse<AliasedRepositoryHealth> = try await graphQLResponse(
            query: DiscoveryQueries.defaultBranchHealth(count: batch.count), variables: variables, repository: nil,
            budget: budget)
        guard let data = response.data else {
            let first = response.errors.first
            throw GitHubError(
                code: .graphQL, message: "the health query failed: \(first?.message.prefix(300) ?? "no data and no errors")",
                endpoint: "POST /graphql (DefaultBranchHealth)", graphQLErrors: response.errors)
        }
        let problems = HealthQueryProblems(response.errors)
        let snapshots = batch.enumerated().map { index, fullName in
            let alias = "r\(index)"
            return RepositoryHealthSnapshot(
                repository: fullName, node: data.byAlias[alias], problems: problems.byAlias[alias] ?? .init(),
                undecodable: data.undecodable.contains(alias))
        }
        return HealthBatchOutcome(snapshots: snapshots, requests: 1, quotaPoints: response.rateLimit?.cost ?? 1)
    }
}
