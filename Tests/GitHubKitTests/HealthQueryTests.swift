import InfinityJSON
import Foundation
import GitHubKit
@testable import InfinityTestSupport
import Testing

@Suite("Batched health query")
struct HealthQueryTests {
    @Test("the test server prices GitHub's documented examples as GitHub does")
    func costRulesMatchGitHubsExamples() throws {
        // "Rate limits and node limits for the GraphQL API": 1 + 100 + 5,000 requests → 51 points.
        let rateExample = """
            query { viewer { login repositories(first: 100) { edges { node { id
              issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }
            """
        let rate = try #require(GraphQLCost.of(rateExample, variables: .object([:])))
        #expect(rate.requests == 5101)
        #expect(rate.points == 51)
        #expect(rate.nodes == 100 + 5_000 + 300_000)
        // The documented node example: 22,060 nodes.
        let nodeExample = """
            query { viewer {
              repositories(first: 50) { edges { repository:node { name
                pullRequests(first: 20) { edges { pullRequest:node { title comments(first: 10) { edges { comment:node { bodyHTML } } } } } }
                issues(first: 20) { totalCount edges { issue:node { title bodyHTML comments(first: 10) { edges { comment:node { bodyHTML } } } } } }
              } } }
              followers(first: 10) { edges { follower:node { login } } }
            } }
            """
        let nodes = try #require(GraphQLCost.of(nodeExample, variables: .object([:])))
        #expect(nodes.nodes == 22_060)
        // Variables and fragments count; out-of-range pages are reported.
        let withVariables = try #require(GraphQLCost.of(
            "query Q($n: Int!) { viewer { ...F } } fragment F on User { repositories(first: $n) { nodes { issues(last: 101) { totalCount } } } }",
            variables: .object(["n": .int(30)])))
        #expect(withVariables.requests == 31)
        #expect(withVariables.outOfRange == ["issues: 101"])
    }

    @Test("100 repositories in one query cost 2 points and 200 nodes at most")
    func healthQueryCost() throws {
        var variables: [String: JSONValue] = [:]
        for index in 0..<100 {
            variables["o\(index)"] = .string("acme")
            variables["n\(index)"] = .string("repo-\(index)")
        }
        let cost = try #require(GraphQLCost.of(DiscoveryQueries.defaultBranchHealth(count: 100), variables: .object(variables)))
        #expect(cost.requests == 200)
        #expect(cost.points == 2)
        #expect(cost.nodes == 200)
        #expect(cost.outOfRange.isEmpty)
        // The CI-only status query has no connection at all: 1 point.
        let statuses = try #require(GraphQLCost.of(DiscoveryQueries.defaultBranchStatuses(count: 100), variables: .object(variables)))
        #expect(statuses.requests == 0 && statuses.points == 1)
    }

    @Test("1,000 repositories: 10 queries, 20 points, every part answered from the server's state")
    func thousandRepositories() async throws {
        try await Harness.with(server: { $0.repositoryCount = 1000 }) { harness in
            let names = harness.server.repositoryNames()
            let old = Date(timeIntervalSince1970: 1_600_000_000)
            harness.server.addItem(in: "acme/repo-0003", title: "newer", createdAt: old.addingTimeInterval(86_400))
            harness.server.addItem(in: "acme/repo-0003", title: "oldest", createdAt: old)
            harness.server.addItem(in: "acme/repo-0003", title: "closed", createdAt: old.addingTimeInterval(-86_400), open: false)
            harness.server.addItem(in: "acme/repo-0003", title: "pr", createdAt: old.addingTimeInterval(3600), pullRequest: true)
            harness.server.resetRecordings()
            let outcome = try await harness.client.defaultBranchHealth(of: names)
            #expect(outcome.requests == 10)
            #expect(outcome.quotaPoints == 20)
            #expect(harness.server.requests.count == 10)
            #expect(harness.server.requests.allSatisfy { $0.path == "/api/graphql" })
            #expect(harness.server.quotaSpent["graphql"] == 20)
            #expect(harness.server.quotaSpent["core"] ?? 0 == 0)
            #expect(outcome.snapshots.map(\.repository) == names)
            #expect(outcome.snapshots.allSatisfy { $0.found && $0.openItems != nil })
            let byName = Dictionary(uniqueKeysWithValues: outcome.snapshots.map { ($0.repository, $0) })
            // Synthetic data: even indexes are protected with the standard rule.
            guard case .protected(let rule) = byName["acme/repo-0000"]?.protection else {
                Issue.record("repo-0000 should be protected: \(String(describing: byName["acme/repo-0000"]?.protection))")
                return
            }
            #expect(rule.source == .branchProtectionRule)
            #expect(rule.requiresApprovingReviews && rule.requiredApprovingReviewCount == 1)
            #expect(rule.requiresStatusChecks && rule.requiredStatusCheckContexts == ["ci/infinity"])
            #expect(!rule.allowsForcePushes)
            #expect(byName["acme/repo-0001"]?.protection == .unprotected)
            #expect(byName["acme/repo-0000"]?.ciState == "FAILURE")
            let items = try #require(byName["acme/repo-0003"]?.openItems)
            #expect(items == OpenItemCounts(openIssues: 2, openPullRequests: 1, oldestIssueCreatedAt: old,
                                            oldestPullRequestCreatedAt: old.addingTimeInterval(3600)))
            #expect(byName["acme/repo-0004"]?.openItems == OpenItemCounts(openIssues: 0, openPullRequests: 0,
                                                                          oldestIssueCreatedAt: nil, oldestPullRequestCreatedAt: nil))
        }
    }

    @Test("a batch that keeps failing with 502 is asked again in halves")
    func splitsAfterServerErrors() async throws {
        try await Harness.with(server: { $0.repositoryCount = 100 }) { harness in
            let names = harness.server.repositoryNames()
            // The first query and all its retries fail; the halves succeed.
            harness.server.inject(.status(502, message: "Server Error"), pathContains: "/graphql", count: 4)
            let outcome = try await harness.client.defaultBranchHealth(of: names)
            #expect(outcome.snapshots.count == 100)
            #expect(outcome.snapshots.allSatisfy { $0.found })
            let answered = harness.server.requests.filter { $0.path == "/api/graphql" && $0.status == 200 }
            #expect(answered.count == 2)
            #expect(outcome.quotaPoints == 2)
        }
    }
}
